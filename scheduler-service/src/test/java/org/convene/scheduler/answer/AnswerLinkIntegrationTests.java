package org.convene.scheduler.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.DISTRICT;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.Callers.OPS;
import static org.convene.scheduler.answer.ScheduledMeetings.CHAIR;
import static org.convene.scheduler.answer.ScheduledMeetings.CHEN;
import static org.convene.scheduler.answer.ScheduledMeetings.LI;
import static org.convene.scheduler.answer.ScheduledMeetings.TIAN;
import static org.convene.scheduler.answer.ScheduledMeetings.participant;
import static org.convene.scheduler.answer.ScheduledMeetings.responses;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answering by link over HTTP, on the real database and broker: only a POST with the page's CSRF
 * token records.
 */
@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerLinkIntegrationTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired LinkTokens tokens;
  @Autowired AnswerRecording recording;

  private MeetingEventsTopic topic;

  @BeforeAll
  void subscribe() {
    topic = new MeetingEventsTopic(broker, json, "answer-link-tests");
  }

  @AfterAll
  void close() {
    topic.close();
  }

  @Test
  void getAndHeadChangeNothingAPostWithTheCsrfTokenRecordsAndLeavesAsEvents() throws Exception {
    JsonNode meeting = ScheduledMeetings.schedule(mvc, json, "Answer by link", null);
    String id = meeting.get("id").asString();
    String tian = token(meeting, TIAN);

    MvcResult page =
        mvc.perform(
                get("/answer/{token}", tian).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"))
            .andExpect(status().isOk())
            .andExpect(header().string("Referrer-Policy", "no-referrer"))
            .andExpect(content().string(org.hamcrest.Matchers.containsString("Answer by link")))
            .andExpect(content().string(org.hamcrest.Matchers.containsString("您尚未回复")))
            .andReturn();
    mvc.perform(head("/answer/{token}", tian)).andExpect(status().isOk());
    mvc.perform(get("/answer/{token}", tian).param("answer", "DECLINED"))
        .andExpect(status().isOk());
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").isNull()).isTrue();

    mvc.perform(post("/answer/{token}", tian).param("answer", "DECLINED"))
        .andExpect(status().isForbidden());
    // The form's token alone does not do: it must match the page's cookie (double submit).
    mvc.perform(
            post("/answer/{token}", tian).param("_csrf", csrf(page)).param("answer", "DECLINED"))
        .andExpect(status().isForbidden());
    // Mail scanners open every link: the page keeps no session for any of them.
    assertThat(page.getRequest().getSession(false)).isNull();
    assertThat(page.getResponse().getCookie("JSESSIONID")).isNull();
    Cookie csrfCookie = csrfCookie(page);
    assertThat(csrfCookie.getPath()).isEqualTo("/answer");
    assertThat(csrfCookie.isHttpOnly()).isTrue();
    assertThat(csrfCookie.getAttribute("SameSite")).isEqualTo("Strict");
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").isNull()).isTrue();

    mvc.perform(
            post("/answer/{token}", tian)
                .cookie(csrfCookie(page))
                .param("_csrf", csrf(page))
                .param("answer", "ACCEPTED")
                .param("comment", "Will bring the plan\r\nBcc: everyone@example.com")
                .header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("your answer is recorded")))
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("data-answer=\"ACCEPTED\"")));

    JsonNode responses = responses(mvc, json, id);
    JsonNode answered = participant(responses, TIAN);
    assertThat(answered.get("answer").asString()).isEqualTo("ACCEPTED");
    assertThat(answered.get("channel").asString()).isEqualTo("LINK");
    assertThat(answered.get("answeredRevision").asLong()).isEqualTo(1);
    assertThat(answered.get("current").asBoolean()).isTrue();
    assertThat(answered.get("comment").asString())
        .isEqualTo("Will bring the plan Bcc: everyone@example.com");
    assertThat(responses.get("revision").asLong())
        .as("an answer does not revise the meeting")
        .isEqualTo(1);
    assertThat(responses.get("quorum").get("state").asString()).isEqualTo("AT_RISK");
    assertThat(responses.get("quorum").get("required").asInt()).isEqualTo(2);

    // A second voting member accepts: the quorum is met.
    String chen = token(meeting, CHEN);
    MvcResult chenPage =
        mvc.perform(get("/answer/{token}", chen)).andExpect(status().isOk()).andReturn();
    mvc.perform(
            post("/answer/{token}", chen)
                .cookie(csrfCookie(chenPage))
                .param("_csrf", csrf(chenPage))
                .param("answer", "ACCEPTED"))
        .andExpect(status().isOk());
    mvc.perform(get("/api/meetings/{id}/responses", id).with(OPS))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.quorum.state").value("MET"))
        .andExpect(jsonPath("$.tallies[?(@.role == 'VOTING')].accepted").value(2));

    List<MeetingEvent> events = topic.awaitEvents(id, 4);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "MeetingScheduled", "AttendeeAnswered", "AttendeeAnswered", "QuorumChanged");
    assertThat(events).extracting(MeetingEvent::revision).containsOnly(1L);
    assertThat(events.get(0)).isInstanceOf(MeetingScheduled.class);
    AttendeeAnswered first = (AttendeeAnswered) events.get(1);
    assertThat(first.attendee()).isEqualTo(TIAN);
    assertThat(first.answer()).isEqualTo(org.convene.events.Answer.ACCEPTED);
    assertThat(first.channel()).isEqualTo(AnswerChannel.LINK);
    assertThat(first.answeredRevision()).isEqualTo(1);
    assertThat(first.quorum().state()).isEqualTo(QuorumState.AT_RISK);
    QuorumChanged changed = (QuorumChanged) events.get(3);
    assertThat(changed.from()).isEqualTo(QuorumState.AT_RISK);
    assertThat(changed.to()).isEqualTo(QuorumState.MET);
  }

  @Test
  void peopleAnsweringTheSameMeetingAtOnceEachGetTheirAnswerRecordedAndCounted() throws Exception {
    JsonNode meeting = ScheduledMeetings.schedule(mvc, json, "Answers at once", null);
    String id = meeting.get("id").asString();
    List<String> people = List.of(CHAIR, TIAN, CHEN, LI);
    Map<String, MvcResult> pages = new LinkedHashMap<>();
    for (String person : people) {
      pages.put(
          person,
          mvc.perform(get("/answer/{token}", token(meeting, person)))
              .andExpect(status().isOk())
              .andReturn());
    }

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> posts = new ArrayList<>();
    try (ExecutorService browsers = Executors.newFixedThreadPool(people.size())) {
      for (String person : people) {
        MvcResult page = pages.get(person);
        posts.add(
            browsers.submit(
                () -> {
                  start.await();
                  return mvc.perform(
                          post("/answer/{token}", token(meeting, person))
                              .cookie(csrfCookie(page))
                              .param("_csrf", csrf(page))
                              .param("answer", "ACCEPTED"))
                      .andReturn()
                      .getResponse()
                      .getStatus();
                }));
      }
      start.countDown();
      for (Future<Integer> post : posts) {
        assertThat(post.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    }

    JsonNode responses = responses(mvc, json, id);
    for (String person : people) {
      assertThat(participant(responses, person).get("answer").asString())
          .as(person)
          .isEqualTo("ACCEPTED");
    }
    // Decided one after another: each answer's figures count every answer before it.
    List<Integer> acceptedSoFar =
        topic.awaitEvents(id, 1 + people.size()).stream()
            .filter(AttendeeAnswered.class::isInstance)
            .map(e -> ((AttendeeAnswered) e).tallies().stream().mapToInt(t -> t.accepted()).sum())
            .toList();
    assertThat(acceptedSoFar).containsExactly(1, 2, 3, 4);
  }

  @Test
  void tamperedExpiredAndForeignLinksGetAClearPageWithA4xxStatus() throws Exception {
    JsonNode meeting = ScheduledMeetings.schedule(mvc, json, "Bad links", null);
    String id = meeting.get("id").asString();
    String token = token(meeting, TIAN);
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    String expired =
        tokens.issue(MeetingId.parse(id), Mailbox.of(TIAN), Instant.now().minusSeconds(60));
    String uninvited =
        tokens.issue(
            MeetingId.parse(id),
            Mailbox.of("crasher@example.com"),
            Instant.now().plusSeconds(3600));

    mvc.perform(get("/answer/{token}", tampered))
        .andExpect(status().isBadRequest())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("data-reason=\"invalid\"")));
    mvc.perform(get("/answer/{token}", "<script>alert(1)<script>"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>"))));
    mvc.perform(get("/answer/{token}", expired))
        .andExpect(status().isGone())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("data-reason=\"expired\"")));
    mvc.perform(get("/answer/{token}", uninvited))
        .andExpect(status().isForbidden())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("data-reason=\"uninvited\"")));

    MvcResult page =
        mvc.perform(get("/answer/{token}", token)).andExpect(status().isOk()).andReturn();
    mvc.perform(
            post("/answer/{token}", tampered)
                .cookie(csrfCookie(page))
                .param("_csrf", csrf(page))
                .param("answer", "ACCEPTED"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            post("/answer/{token}", token)
                .cookie(csrfCookie(page))
                .param("_csrf", csrf(page))
                .param("answer", "MAYBE"))
        .andExpect(status().isBadRequest());
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").isNull()).isTrue();

    mvc.perform(
            post("/api/meetings/{id}/cancel", id)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .content("{\"reason\":\"The chair is travelling.\"}"))
        .andExpect(status().isOk());
    mvc.perform(get("/answer/{token}", token))
        .andExpect(status().isGone())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("data-reason=\"cancelled\"")));
    mvc.perform(
            post("/answer/{token}", token)
                .cookie(csrfCookie(page))
                .param("_csrf", csrf(page))
                .param("answer", "ACCEPTED"))
        .andExpect(status().isGone());
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").isNull()).isTrue();
  }

  @Test
  void responsesAreForTheOrganiserAndOpsWithProblemDetailsOnBadInput() throws Exception {
    JsonNode meeting =
        ScheduledMeetings.schedule(
            mvc,
            json,
            "Who reads responses",
            Map.of("kind", "FRACTION", "value", 15, "chairCounts", false));
    String id = meeting.get("id").asString();

    mvc.perform(get("/api/meetings/{id}/responses", id).with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.quorum.kind").value("FRACTION"))
        .andExpect(jsonPath("$.quorum.voters").value(2))
        .andExpect(jsonPath("$.quorum.required").value(1))
        .andExpect(jsonPath("$.participants.length()").value(5))
        .andExpect(jsonPath("$.uninvited").isEmpty());
    mvc.perform(get("/api/meetings/{id}/responses", id).with(DISTRICT))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/meetings/{id}/responses", id)).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/meetings/{id}/responses", "not-a-uuid").with(OFFICE))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(get("/api/meetings/{id}/responses", MeetingId.random().toString()).with(OFFICE))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType("application/json")
                .content(json.writeValueAsString(Map.of("title", "Bad quorum"))))
        .andExpect(status().isBadRequest());
  }

  @Test
  void aRoleChangeThatMovesTheQuorumIsPublishedAfterTheMeetingsOwnEvent() throws Exception {
    JsonNode meeting = ScheduledMeetings.schedule(mvc, json, "Quorum follows roles", null);
    String id = meeting.get("id").asString();
    MeetingId meetingId = MeetingId.parse(id);
    Instant at = Instant.now();
    recording.record(
        meetingId,
        new Answer(
            Mailbox.of(ScheduledMeetings.CHAIR),
            AnswerStatus.ACCEPTED,
            null,
            1,
            at,
            Channel.CALENDAR_REPLY,
            null));
    recording.record(
        meetingId,
        new Answer(
            Mailbox.of(TIAN), AnswerStatus.ACCEPTED, null, 1, at, Channel.CALENDAR_REPLY, null));

    // Tian no longer votes: the chair's acceptance alone is not a majority of the chair and Chen.
    mvc.perform(
            patch("/api/meetings/{id}/participants/{email}", id, TIAN)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .content("{\"role\": \"NON_VOTING\"}"))
        .andExpect(status().isOk());

    List<MeetingEvent> events = topic.awaitEvents(id, 6);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName() + "@" + e.revision())
        .containsExactly(
            "MeetingScheduled@1",
            "AttendeeAnswered@1",
            "AttendeeAnswered@1",
            "QuorumChanged@1",
            "ParticipantsChanged@2",
            "QuorumChanged@2");
    QuorumChanged moved = (QuorumChanged) events.get(5);
    assertThat(moved.from()).isEqualTo(QuorumState.MET);
    assertThat(moved.to()).isEqualTo(QuorumState.AT_RISK);
    assertThat(moved.quorum().voters()).isEqualTo(2);
    assertThat(responses(mvc, json, id).get("quorum").get("state").asString()).isEqualTo("AT_RISK");
  }

  @Test
  void theOrganiserChangesTheQuorumRuleAndAMovedStateIsPublished() throws Exception {
    JsonNode meeting = ScheduledMeetings.schedule(mvc, json, "Quorum rule changes", null);
    String id = meeting.get("id").asString();

    mvc.perform(
            put("/api/meetings/{id}/quorum", id)
                .with(OFFICE)
                .contentType("application/json")
                .content("{\"kind\": \"FRACTION\", \"value\": 0}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(
            put("/api/meetings/{id}/quorum", id)
                .with(OPS)
                .contentType("application/json")
                .content("{\"kind\": \"FIXED\", \"value\": 4}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/meetings/{id}/quorum", id)
                .with(OFFICE)
                .contentType("application/json")
                .content("{\"kind\": \"FIXED\", \"value\": 4}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.quorum.kind").value("FIXED"))
        .andExpect(jsonPath("$.quorum.required").value(4))
        .andExpect(jsonPath("$.quorum.state").value("UNREACHABLE"));
    // The same rule again moves nothing: no second event.
    mvc.perform(
            put("/api/meetings/{id}/quorum", id)
                .with(OFFICE)
                .contentType("application/json")
                .content("{\"kind\": \"FIXED\", \"value\": 4}"))
        .andExpect(status().isOk());

    List<MeetingEvent> events = topic.awaitEvents(id, 3);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MeetingScheduled", "QuorumRuleChanged", "QuorumChanged");
    QuorumRuleChanged ruleChanged = (QuorumRuleChanged) events.get(1);
    assertThat(ruleChanged.previous()).isEqualTo(QuorumRule.DEFAULT);
    assertThat(ruleChanged.meeting().quorumRule()).isEqualTo(fixed(4));
    QuorumChanged changed = (QuorumChanged) events.get(2);
    assertThat(changed.from()).isEqualTo(QuorumState.AT_RISK);
    assertThat(changed.to()).isEqualTo(QuorumState.UNREACHABLE);
    assertThat(changed.revision()).isEqualTo(1);
    assertThat(changed.meeting().quorumRule()).isEqualTo(fixed(4));
  }

  @Test
  void aMeetingsRuleTravelsInItsSnapshotsAndARuleChangeThatLeavesTheStateIsPublishedToo()
      throws Exception {
    JsonNode meeting =
        ScheduledMeetings.schedule(mvc, json, "Fixed quorum", Map.of("kind", "FIXED", "value", 3));
    String id = meeting.get("id").asString();

    // Two of the three voting members (the chair counting) are still enough to be reachable: the
    // state stays AT_RISK, but the figures change.
    mvc.perform(
            put("/api/meetings/{id}/quorum", id)
                .with(OFFICE)
                .contentType("application/json")
                .content("{\"kind\": \"FRACTION\", \"value\": 50}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.quorum.required").value(2))
        .andExpect(jsonPath("$.quorum.state").value("AT_RISK"));
    // A change of the meeting after it carries the rule as it now stands.
    mvc.perform(
            put("/api/meetings/{id}/details", id)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .content(
                    "{\"title\": \"Fixed quorum\", \"location\": \"BAST head office, room 2\"}"))
        .andExpect(status().isOk());

    List<MeetingEvent> events = topic.awaitEvents(id, 3);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MeetingScheduled", "QuorumRuleChanged", "MeetingDetailsChanged");
    assertThat(events.get(0).meeting().quorumRule())
        .as("scheduled with a fixed quorum of three")
        .isEqualTo(fixed(3));
    QuorumRuleChanged changed = (QuorumRuleChanged) events.get(1);
    assertThat(changed.revision()).isEqualTo(1);
    assertThat(changed.previous()).isEqualTo(fixed(3));
    QuorumRule half = new QuorumRule(QuorumRule.Kind.FRACTION, 50, true);
    assertThat(changed.meeting().quorumRule()).isEqualTo(half);
    assertThat(changed.quorum().rule()).isEqualTo(half);
    assertThat(changed.quorum().voters()).isEqualTo(3);
    assertThat(changed.quorum().required()).isEqualTo(2);
    assertThat(changed.quorum().state()).isEqualTo(QuorumState.AT_RISK);
    assertThat(events.get(2).revision()).isEqualTo(2);
    assertThat(events.get(2).meeting().quorumRule()).isEqualTo(half);
  }

  private static QuorumRule fixed(int value) {
    return new QuorumRule(QuorumRule.Kind.FIXED, value, true);
  }

  private String token(JsonNode meeting, String email) {
    LocalDateTime end = LocalDateTime.parse(meeting.get("end").asString());
    Instant ends = end.atZone(ZoneId.of(meeting.get("timeZone").asString())).toInstant();
    return tokens.issue(MeetingId.parse(meeting.get("id").asString()), Mailbox.of(email), ends);
  }

  private static Cookie csrfCookie(MvcResult page) {
    Cookie cookie = page.getResponse().getCookie(AnswerLinkConfiguration.CSRF_COOKIE);
    assertThat(cookie).as("the page sets its CSRF cookie").isNotNull();
    return cookie;
  }

  private static String csrf(MvcResult page) throws Exception {
    Matcher matcher = CSRF.matcher(page.getResponse().getContentAsString());
    assertThat(matcher.find()).as("the page's form carries a CSRF token").isTrue();
    return matcher.group(1);
  }
}
