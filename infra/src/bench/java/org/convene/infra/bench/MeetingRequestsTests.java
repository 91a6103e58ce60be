package org.convene.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MeetingRequestsTests {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final MeetingRequests requests = new MeetingRequests(1, 20, 5);

  @Test
  void everyMeetingHasOneChairAndMixedRolesAmongTwentyDistinctParticipants() {
    for (JsonNode meeting : meetings(50)) {
      List<JsonNode> participants = list(meeting.get("participants"));
      assertThat(participants).hasSize(20);
      assertThat(participants.stream().map(p -> p.get("email").asString()).distinct()).hasSize(20);
      assertThat(participants.stream().filter(p -> p.get("role").asString().equals("CHAIR")))
          .hasSize(1);
      assertThat(
              participants.stream().map(p -> p.get("role").asString()).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("CHAIR", "VOTING", "NON_VOTING", "INFORMATION");
    }
  }

  @Test
  void everyAgendaItemIsPresentedByAParticipant() {
    for (JsonNode meeting : meetings(50)) {
      Set<String> emails =
          list(meeting.get("participants")).stream()
              .map(p -> p.get("email").asString())
              .collect(Collectors.toSet());
      List<JsonNode> agenda = list(meeting.get("agenda"));
      assertThat(agenda).hasSize(5);
      assertThat(agenda)
          .allSatisfy(item -> assertThat(emails).contains(item.get("presenterEmail").asString()));
    }
  }

  @Test
  void meetingsStartInTheFutureInShanghaiAndEndAfterTheyStart() {
    LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
    for (JsonNode meeting : meetings(50)) {
      LocalDateTime start = LocalDateTime.parse(meeting.get("start").asString());
      assertThat(meeting.get("timeZone").asString()).isEqualTo("Asia/Shanghai");
      assertThat(start).isAfter(now);
      assertThat(LocalDateTime.parse(meeting.get("end").asString())).isAfter(start);
    }
  }

  @Test
  void rolesOfTwentyAreOneChairNineVotingFiveNonVotingFiveInformation() {
    assertThat(
            MeetingRequests.roles(20).stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("CHAIR", 1L, "VOTING", 9L, "NON_VOTING", 5L, "INFORMATION", 5L));
  }

  private List<JsonNode> meetings(int count) {
    return requests.next(count).stream().map(JSON::readTree).toList();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
