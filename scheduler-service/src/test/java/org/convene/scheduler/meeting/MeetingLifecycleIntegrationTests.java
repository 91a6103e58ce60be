package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.DISTRICT;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.Callers.OPS;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItemChange;
import org.convene.events.FieldChange;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingStatus;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every operation of a meeting's life publishes exactly one event that says what changed. */
@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingLifecycleIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;

  private MeetingEventsTopic topic;

  @BeforeAll
  void subscribe() {
    topic = new MeetingEventsTopic(broker, json, "lifecycle-tests");
  }

  @AfterAll
  void close() {
    topic.close();
  }

  @Test
  void everyOperationPublishesOneEventOfTheRightTypeRevisionAndChange() throws Exception {
    JsonNode meeting = schedule(MeetingRequests.valid("Lifecycle"));
    String id = meeting.get("id").asString();
    LocalDateTime start = LocalDateTime.parse(meeting.get("start").asString());

    meeting =
        ok(
            send(
                put("/api/meetings/{id}/details", id),
                1,
                Map.of(
                    "title",
                    "Lifecycle",
                    "description",
                    meeting.get("description").asString(),
                    "location",
                    "BAST head office, meeting room 3",
                    "documents",
                    List.of(
                        Map.of(
                            "title",
                            "Work plan (draft)",
                            "url",
                            "https://docs.bast.example.org/plan.pdf")))),
            2);
    meeting =
        ok(
            send(
                put("/api/meetings/{id}/time", id),
                2,
                Map.of(
                    "start",
                    start.plusDays(1).toString(),
                    "end",
                    start.plusDays(1).plusHours(3).toString(),
                    "timeZone",
                    "Asia/Shanghai")),
            3);
    String thirdItem = meeting.get("agenda").get(2).get("id").asString();
    meeting =
        ok(
            send(
                patch("/api/meetings/{id}/agenda/items/{item}", id, thirdItem),
                3,
                Map.of("position", 1, "durationMinutes", 30)),
            4);
    assertThat(meeting.get("agenda").get(0).get("id").asString()).isEqualTo(thirdItem);
    meeting =
        ok(
            send(
                post("/api/meetings/{id}/participants", id),
                4,
                Map.of(
                    "name",
                    "Zhang Wei",
                    "email",
                    "zhang.wei@bast.example.org",
                    "role",
                    "NON_VOTING",
                    "language",
                    "zh-CN")),
            5);
    meeting =
        ok(
            send(
                patch("/api/meetings/{id}/participants/{email}", id, "tian.wen@bast.example.org"),
                5,
                Map.of("role", "CHAIR")),
            6);
    meeting =
        ok(
            send(
                delete("/api/meetings/{id}/participants/{email}", id, "archive@bast.example.org"),
                6,
                null),
            7);
    meeting =
        ok(
            send(
                post("/api/meetings/{id}/cancel", id),
                7,
                Map.of("reason", "The chair is travelling.")),
            8);
    assertThat(meeting.get("status").asString()).isEqualTo("CANCELLED");

    List<MeetingEvent> events = topic.awaitEvents(id, 8);

    assertThat(events)
        .extracting(MeetingEvent::revision)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "MeetingScheduled",
            "MeetingDetailsChanged",
            "MeetingRescheduled",
            "AgendaChanged",
            "ParticipantsChanged",
            "ParticipantsChanged",
            "ParticipantsChanged",
            "MeetingCancelled");
    assertThat(events.get(0)).isInstanceOf(MeetingScheduled.class);
    assertThat(((MeetingDetailsChanged) events.get(1)).changes())
        .containsExactly(
            new FieldChange(
                "location",
                "BAST head office, meeting room 1",
                "BAST head office, meeting room 3"));
    MeetingRescheduled rescheduled = (MeetingRescheduled) events.get(2);
    assertThat(rescheduled.previous().start()).isEqualTo(start);
    assertThat(rescheduled.meeting().start()).isEqualTo(start.plusDays(1));
    List<AgendaItemChange> agendaChanges = ((AgendaChanged) events.get(3)).changes();
    LocalDateTime newStart = start.plusDays(1);
    assertThat(agendaChanges)
        .filteredOn(c -> c.itemId().equals(thirdItem))
        .extracting(AgendaItemChange::kind)
        .containsExactly(AgendaItemChange.Kind.MOVED, AgendaItemChange.Kind.RETIMED);
    AgendaItemChange moved = agendaChanges.get(0);
    assertThat(moved.positionBefore()).isEqualTo(3);
    assertThat(moved.positionAfter()).isEqualTo(1);
    assertThat(moved.startBefore()).isEqualTo(newStart.plusMinutes(110));
    assertThat(moved.startAfter()).isEqualTo(newStart);
    assertThat(agendaChanges)
        .filteredOn(c -> c.kind() == AgendaItemChange.Kind.MOVED && !c.itemId().equals(thirdItem))
        .extracting(AgendaItemChange::startAfter)
        .containsExactly(newStart.plusMinutes(30), newStart.plusMinutes(50));
    ParticipantsChanged added = (ParticipantsChanged) events.get(4);
    assertThat(added.added())
        .extracting(p -> p.email() + "/" + p.role())
        .containsExactly("zhang.wei@bast.example.org/NON_VOTING");
    assertThat(added.removed()).isEmpty();
    assertThat(((ParticipantsChanged) events.get(5)).roleChanges())
        .containsExactlyInAnyOrder(
            new RoleChange(
                "shen.jie@bast.example.org",
                "Shen Jie",
                ParticipantRole.CHAIR,
                ParticipantRole.VOTING),
            new RoleChange(
                "tian.wen@bast.example.org",
                "Tian Wen",
                ParticipantRole.VOTING,
                ParticipantRole.CHAIR));
    assertThat(((ParticipantsChanged) events.get(6)).removed())
        .extracting(p -> p.email())
        .containsExactly("archive@bast.example.org");
    MeetingCancelled cancelled = (MeetingCancelled) events.get(7);
    assertThat(cancelled.reason()).isEqualTo("The chair is travelling.");
    assertThat(cancelled.meeting().status()).isEqualTo(MeetingStatus.CANCELLED);
  }

  @Test
  void changesNeedTheCurrentRevision() throws Exception {
    String id = schedule(MeetingRequests.valid("Concurrency rules")).get("id").asString();
    Map<String, Object> move = moveBody(id);

    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(move)))
        .andExpect(status().isPreconditionRequired())
        .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("If-Match")));
    send(put("/api/meetings/{id}/time", id), 1, move)
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"2\""));
    send(put("/api/meetings/{id}/time", id), 1, move)
        .andExpect(status().isPreconditionFailed())
        .andExpect(header().string("ETag", "\"2\""))
        .andExpect(jsonPath("$.currentRevision").value(2));
  }

  @Test
  void aChangeThatChangesNothingKeepsTheRevisionAndPublishesNothing() throws Exception {
    JsonNode meeting = schedule(MeetingRequests.valid("Nothing changes"));
    String id = meeting.get("id").asString();
    Map<String, Object> sameTime =
        Map.of(
            "start",
            meeting.get("start").asString(),
            "end",
            meeting.get("end").asString(),
            "timeZone",
            "Asia/Shanghai");

    send(put("/api/meetings/{id}/time", id), 1, sameTime)
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"1\""));
    // A later real change is revision 2: nothing was published in between.
    send(put("/api/meetings/{id}/time", id), 1, moveBody(id))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"2\""));
    assertThat(topic.awaitEvents(id, 2)).extracting(MeetingEvent::revision).containsExactly(1L, 2L);
  }

  @Test
  void ifMatchComparesStronglyAndAStarMatchesTheExistingMeeting() throws Exception {
    String id = schedule(MeetingRequests.valid("If-Match semantics")).get("id").asString();

    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(OFFICE)
                .header("If-Match", "W/\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(moveBody(id))))
        .andExpect(status().isPreconditionFailed())
        .andExpect(header().string("ETag", "\"1\""));
    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(OFFICE)
                .header("If-Match", "*")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(moveBody(id))))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"2\""));
    mvc.perform(
            post("/api/meetings/{id}/cancel", id).with(OFFICE).header("If-Match", "\"1\", \"2\""))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"3\""));
    mvc.perform(
            post("/api/meetings/{id}/cancel", "6f1e9a52-0000-4000-8000-000000000000")
                .with(OFFICE)
                .header("If-Match", "*"))
        .andExpect(status().isNotFound());
  }

  @Test
  void cancelledMeetingCannotBeChanged() throws Exception {
    String id = schedule(MeetingRequests.valid("Cancelled early")).get("id").asString();
    send(post("/api/meetings/{id}/cancel", id), 1, null).andExpect(status().isOk());

    send(put("/api/meetings/{id}/time", id), 2, moveBody(id)).andExpect(status().isConflict());
    send(post("/api/meetings/{id}/cancel", id), 2, null).andExpect(status().isConflict());
  }

  @Test
  void onlyTheOrganiserChangesAMeeting() throws Exception {
    String id = schedule(MeetingRequests.valid("Owned by the office")).get("id").asString();
    Map<String, Object> move = moveBody(id);

    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(DISTRICT)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(move)))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(OPS)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(move)))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/meetings/{id}/time", id)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(move)))
        .andExpect(status().isUnauthorized());
    send(put("/api/meetings/{id}/time", id), 1, move).andExpect(status().isOk());
  }

  @Test
  void changesThatBreakTheMeetingsRulesAreRefusedNamingTheField() throws Exception {
    JsonNode meeting = schedule(MeetingRequests.valid("Rules stay kept"));
    String id = meeting.get("id").asString();
    String firstItem = meeting.get("agenda").get(0).get("id").asString();

    send(
            patch("/api/meetings/{id}/agenda/items/{item}", id, firstItem),
            1,
            Map.of("presenterEmail", "stranger@example.org"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("agenda[0].presenterEmail"));
    send(
            put("/api/meetings/{id}/agenda", id),
            1,
            Map.of(
                "items", List.of(Map.of("id", "no-such-item", "title", "X", "durationMinutes", 5))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("items[0].id"));
    send(
            delete("/api/meetings/{id}/participants/{email}", id, "tian.wen@bast.example.org"),
            1,
            null)
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail", org.hamcrest.Matchers.containsString("Department work plans")));
    send(
            delete("/api/meetings/{id}/participants/{email}", id, "shen.jie@bast.example.org"),
            1,
            null)
        .andExpect(status().isConflict());
    send(
            post("/api/meetings/{id}/participants", id),
            1,
            Map.of("name", "Li Na", "email", "LI.NA@bast.example.org", "role", "VOTING"))
        .andExpect(status().isConflict());
    LocalDateTime lastWeek =
        LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
            .minusDays(7)
            .withHour(9)
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    send(
            put("/api/meetings/{id}/time", id),
            1,
            Map.of(
                "start",
                lastWeek.toString(),
                "end",
                lastWeek.plusHours(1).toString(),
                "timeZone",
                "Asia/Shanghai"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("start"));
    send(put("/api/meetings/{id}/details", id), 1, Map.of("title", "No place"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("location"));
    send(
            put("/api/meetings/{id}/details", id),
            1,
            Map.of("title", "Bad\r\ntitle", "location", "Room"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("title"));
    send(delete("/api/meetings/{id}/agenda/items/{item}", id, "no-such-item"), 1, null)
        .andExpect(status().isNotFound());
  }

  private Map<String, Object> moveBody(String id) throws Exception {
    LocalDateTime start =
        LocalDateTime.now(java.time.ZoneId.of("Europe/Berlin"))
            .plusDays(20)
            .withHour(10)
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    return Map.of(
        "start",
        start.toString(),
        "end",
        start.plusHours(1).toString(),
        "timeZone",
        "Europe/Berlin");
  }

  private JsonNode schedule(Map<String, Object> request) throws Exception {
    return ApiMeetings.schedule(mvc, json, request);
  }

  private ResultActions send(MockHttpServletRequestBuilder request, long ifMatch, Object body)
      throws Exception {
    request.with(OFFICE).header("If-Match", "\"" + ifMatch + "\"");
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }
    return mvc.perform(request);
  }

  private JsonNode ok(ResultActions result, long expectedRevision) throws Exception {
    String body =
        result
            .andExpect(status().isOk())
            .andExpect(header().string("ETag", "\"" + expectedRevision + "\""))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }
}
