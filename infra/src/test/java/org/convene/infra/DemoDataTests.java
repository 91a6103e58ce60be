package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DemoDataTests {

  // 20:30 UTC on 26 Nov is already 27 Nov in Shanghai: "today" is the meeting's own today.
  private static final Clock LATE_EVENING_UTC =
      Clock.fixed(Instant.parse("2026-11-26T20:30:00Z"), ZoneOffset.UTC);

  @Test
  void shiftingKeepsTheTimeOfDayAndTheLength() {
    ObjectNode meeting =
        (ObjectNode)
            JsonMapper.shared()
                .readTree("{\"start\":\"2021-12-27T09:00\",\"end\":\"2021-12-27T11:30\"}");

    DemoData.shift(meeting, LocalDate.of(2026, 12, 3));

    assertThat(meeting.get("start").asString()).isEqualTo("2026-12-03T09:00");
    assertThat(meeting.get("end").asString()).isEqualTo("2026-12-03T11:30");
  }

  @Test
  void shiftingKeepsAMeetingThatEndsAfterMidnightAsLongAsItWas() {
    ObjectNode meeting =
        (ObjectNode)
            JsonMapper.shared()
                .readTree("{\"start\":\"2019-09-06T23:00\",\"end\":\"2019-09-07T01:15\"}");

    DemoData.shift(meeting, LocalDate.of(2026, 12, 31));

    assertThat(meeting.get("start").asString()).isEqualTo("2026-12-31T23:00");
    assertThat(meeting.get("end").asString()).isEqualTo("2027-01-01T01:15");
  }

  @Test
  void theNthMeetingTakesPlaceNDaysAfterTodayInItsTimeZoneAtTheSeedsTimeOfDay() {
    List<ObjectNode> upcoming = DemoData.upcoming(LATE_EVENING_UTC);

    assertThat(upcoming)
        .extracting(m -> m.get("title").asString())
        .containsExactly(
            "2022 theory-discussing meeting",
            "2021 united front work meeting",
            "2020 work planning and docking meeting");
    assertThat(upcoming)
        .extracting(m -> m.get("start").asString())
        .containsExactly("2026-11-28T09:00", "2026-11-29T14:30", "2026-11-30T09:30");
    assertThat(upcoming)
        .extracting(m -> m.get("end").asString())
        .containsExactly("2026-11-28T11:30", "2026-11-29T16:30", "2026-11-30T12:00");
  }

  @Test
  void everyDemoMeetingIsAValidRequest() {
    for (ObjectNode meeting : DemoData.asWritten()) {
      String title = meeting.get("title").asString();
      List<JsonNode> participants = List.copyOf(meeting.get("participants").values());
      Set<String> emails =
          participants.stream().map(p -> p.get("email").asString()).collect(Collectors.toSet());

      assertThat(participants)
          .as(title)
          .filteredOn(p -> p.get("role").asString().equals("CHAIR"))
          .hasSize(1);
      assertThat(emails)
          .as(title)
          .hasSameSizeAs(participants)
          .allMatch(e -> e.endsWith("example.org"));
      assertThat(participants)
          .as(title)
          .extracting(p -> p.get("role").asString())
          .allMatch(
              role ->
                  Set.of("CHAIR", "VOTING", "OPTIONAL", "NON_VOTING", "INFORMATION")
                      .contains(role));
      assertThat(participants)
          .as(title)
          .extracting(p -> p.get("language").asString())
          .allMatch(language -> language.equals("en") || language.equals("zh-CN"))
          .contains("en", "zh-CN");
      assertThat(meeting.get("agenda").values())
          .as(title)
          .isNotEmpty()
          .allSatisfy(item -> assertThat(emails).contains(item.get("presenterEmail").asString()));
      assertThat(ZoneId.of(meeting.get("timeZone").asString()))
          .isEqualTo(ZoneId.of("Asia/Shanghai"));
      assertThat(meeting.get("organiser").get("email").asString()).endsWith("example.org");
    }
  }

  @Test
  void eachDemoMeetingIsScheduledByTheLocalAccountOfItsOrganiser() {
    for (ObjectNode meeting : DemoData.asWritten()) {
      LocalAccounts.Account account = DemoData.organiserAccount(meeting);

      assertThat(account.role()).isEqualTo("ORGANISER");
      assertThat(account.name()).isEqualTo(meeting.get("organiser").get("name").asString());
    }
  }

  @Test
  void theMeetingsAreTheOnesOfTheSeeds() {
    List<ObjectNode> meetings = DemoData.asWritten();

    assertThat(chair(meetings.get(0))).isEqualTo("Shen Jie");
    assertThat(roles(meetings.get(0))).contains("VOTING", "NON_VOTING", "INFORMATION");
    assertThat(chair(meetings.get(1))).isEqualTo("Tian Wen");
    assertThat(meetings.get(1).get("documents").values())
        .extracting(d -> d.get("title").asString())
        .contains("Regulations of the Communist Party of China on United Front Work");
    assertThat(chair(meetings.get(2))).isEqualTo("Chen Weicheng");
  }

  private static String chair(JsonNode meeting) {
    return meeting.get("participants").values().stream()
        .filter(p -> p.get("role").asString().equals("CHAIR"))
        .map(p -> p.get("name").asString())
        .findFirst()
        .orElseThrow();
  }

  private static Set<String> roles(JsonNode meeting) {
    return meeting.get("participants").values().stream()
        .map(p -> p.get("role").asString())
        .collect(Collectors.toSet());
  }
}
