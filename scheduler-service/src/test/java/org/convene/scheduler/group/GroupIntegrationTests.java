package org.convene.scheduler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.DISTRICT;
import static org.convene.scheduler.Callers.OFFICE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.scheduler.ApiMeetings;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Groups are expanded into meetings, and membership changes reach the meetings that invite them.
 */
@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;

  private MeetingEventsTopic topic;

  @BeforeAll
  void subscribe() {
    topic = new MeetingEventsTopic(broker, json, "group-tests");
  }

  @AfterAll
  void close() {
    topic.close();
  }

  @Test
  void invitedGroupIsExpandedAndItsMembershipChangesReachTheMeeting() throws Exception {
    JsonNode group =
        createGroup(
            "District associations",
            DISTRICT,
            List.of(
                member("Zhang Wei", "zhang.wei@dongcheng.example.org"),
                member("Yang Fang", "yang.fang@xicheng.example.org"),
                member("Shen Jie", "shen.jie@bast.example.org")));
    String groupId = group.get("id").asString();
    String meetingId = scheduleMeeting();

    JsonNode meeting =
        json.readTree(
            mvc.perform(
                    post("/api/meetings/{id}/groups", meetingId)
                        .with(OFFICE)
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            json.writeValueAsString(
                                Map.of("groupId", groupId, "role", "NON_VOTING"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(meeting.get("revision").asLong()).isEqualTo(2);
    assertThat(meeting.get("participants")).hasSize(4);

    mvc.perform(
            put("/api/groups/{id}/members", groupId)
                .with(DISTRICT)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        Map.of(
                            "members",
                            List.of(
                                member("Yang Fang", "yang.fang@xicheng.example.org"),
                                member("Huang Jing", "huang.jing@chaoyang.example.org"),
                                member("Shen Jie", "shen.jie@bast.example.org"))))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.revision").value(2));

    List<MeetingEvent> events = topic.awaitEvents(meetingId, 3);
    assertThat(events).extracting(MeetingEvent::revision).containsExactly(1L, 2L, 3L);
    ParticipantsChanged invited = (ParticipantsChanged) events.get(1);
    // Shen Jie chairs the meeting directly: the group does not invite him a second time.
    assertThat(invited.added())
        .extracting(Participant::email, Participant::role, Participant::group)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "zhang.wei@dongcheng.example.org",
                ParticipantRole.NON_VOTING,
                "District associations"),
            org.assertj.core.groups.Tuple.tuple(
                "yang.fang@xicheng.example.org",
                ParticipantRole.NON_VOTING,
                "District associations"));
    ParticipantsChanged membership = (ParticipantsChanged) events.get(2);
    assertThat(membership.added())
        .extracting(Participant::email)
        .containsExactly("huang.jing@chaoyang.example.org");
    assertThat(membership.removed())
        .extracting(Participant::email)
        .containsExactly("zhang.wei@dongcheng.example.org");
    assertThat(membership.meeting().participants())
        .extracting(Participant::email)
        .containsExactly(
            "shen.jie@bast.example.org",
            "tian.wen@bast.example.org",
            "yang.fang@xicheng.example.org",
            "huang.jing@chaoyang.example.org");

    mvc.perform(
            delete("/api/meetings/{id}/groups/{group}", meetingId, groupId)
                .with(OFFICE)
                .header("If-Match", "\"3\""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.participants.length()").value(2));
    ParticipantsChanged withdrawn = (ParticipantsChanged) topic.awaitEvents(meetingId, 4).get(3);
    assertThat(withdrawn.removed())
        .extracting(Participant::email)
        .containsExactly("yang.fang@xicheng.example.org", "huang.jing@chaoyang.example.org");
  }

  @Test
  void groupRulesAreEnforced() throws Exception {
    JsonNode group =
        createGroup(
            "Deputy section directors", OFFICE, List.of(member("Li Na", "li.na@bast.example.org")));
    String groupId = group.get("id").asString();
    String meetingId = scheduleMeeting();

    mvc.perform(
            post("/api/meetings/{id}/groups", meetingId)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("groupId", groupId, "role", "CHAIR"))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("role"));
    mvc.perform(
            post("/api/groups")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        Map.of(
                            "name",
                            "Twice",
                            "members",
                            List.of(
                                member("A", "a@bast.example.org"),
                                member("A again", "A@bast.example.org"))))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("members[1].email"));
    mvc.perform(
            post("/api/groups")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        Map.of("name", "deputy section directors", "members", List.of()))))
        .andExpect(status().isConflict());
    mvc.perform(
            put("/api/groups/{id}/members", groupId)
                .with(DISTRICT)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("members", List.of()))))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/groups/{id}", groupId).with(DISTRICT))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.members[0].email").value("li.na@bast.example.org"));
  }

  private JsonNode createGroup(
      String name, RequestPostProcessor owner, List<Map<String, Object>> members) throws Exception {
    return json.readTree(
        mvc.perform(
                post("/api/groups")
                    .with(owner)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(Map.of("name", name, "members", members))))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private String scheduleMeeting() throws Exception {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(10).truncatedTo(ChronoUnit.HOURS);
    Map<String, Object> meeting =
        Map.of(
            "title",
            "Work planning and docking meeting",
            "start",
            start.toString(),
            "end",
            start.plusHours(2).toString(),
            "timeZone",
            "Asia/Shanghai",
            "location",
            "Room 5",
            "participants",
            List.of(
                Map.of("name", "Shen Jie", "email", "shen.jie@bast.example.org", "role", "CHAIR"),
                Map.of(
                    "name", "Tian Wen", "email", "tian.wen@bast.example.org", "role", "VOTING")));
    JsonNode body = ApiMeetings.schedule(mvc, json, meeting);
    return body.get("id").asString();
  }

  private static Map<String, Object> member(String name, String email) {
    return Map.of("name", name, "email", email, "language", "zh-CN");
  }
}
