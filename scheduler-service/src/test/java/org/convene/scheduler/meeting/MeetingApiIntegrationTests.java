package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.DISTRICT;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.Callers.OPS;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingScheduled;
import org.convene.events.ParticipantRole;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingApiIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;

  private Consumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

  @BeforeAll
  void subscribe() {
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "api-tests", false);
    props.put("auto.offset.reset", "earliest");
    consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer();
    broker.consumeFromAnEmbeddedTopic(consumer, CloudEventHeaders.DEFAULT_TOPIC);
  }

  @AfterAll
  void close() {
    consumer.close();
  }

  @Test
  void schedulingStoresTheMeetingAndPublishesMeetingScheduledKeyedByItsId() throws Exception {
    MvcResult created =
        mvc.perform(
                post("/api/meetings")
                    .with(OFFICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body(MeetingRequests.valid("Theory-discussing meeting"))))
            .andExpect(status().isCreated())
            .andExpect(header().string("ETag", "\"1\""))
            .andExpect(jsonPath("$.revision").value(1))
            .andExpect(jsonPath("$.status").value("SCHEDULED"))
            .andExpect(jsonPath("$.reminderMinutesBefore[0]").value(1440))
            .andExpect(jsonPath("$.reminderMinutesBefore[1]").value(60))
            .andReturn();
    String id = json.readTree(created.getResponse().getContentAsString()).get("id").asString();
    assertThat(created.getResponse().getHeader("Location")).endsWith("/api/meetings/" + id);

    mvc.perform(get("/api/meetings/{id}", id).with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"1\""))
        .andExpect(jsonPath("$.title").value("Theory-discussing meeting"))
        .andExpect(jsonPath("$.participants.length()").value(5))
        .andExpect(jsonPath("$.participants[3].role").value("NON_VOTING"))
        .andExpect(jsonPath("$.agenda[1].presenterEmail").value("tian.wen@bast.example.org"));

    ConsumerRecord<String, String> record = awaitRecord(id);
    assertThat(headerOf(record, CloudEventHeaders.TYPE))
        .isEqualTo("org.convene.meeting.scheduled.v1");
    assertThat(headerOf(record, CloudEventHeaders.SOURCE)).isEqualTo("/convene/scheduler");
    assertThat(headerOf(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    MeetingEvent event = json.readValue(record.value(), MeetingEvent.class);
    assertThat(event).isInstanceOf(MeetingScheduled.class);
    assertThat(headerOf(record, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
    assertThat(event.meetingId().toString()).isEqualTo(id);
    assertThat(event.revision()).isEqualTo(1);
    assertThat(event.meeting().participants())
        .extracting(p -> p.email() + "/" + p.role())
        .containsExactly(
            "shen.jie@bast.example.org/CHAIR",
            "tian.wen@bast.example.org/VOTING",
            "chen.weicheng@bast.example.org/VOTING",
            "li.na@bast.example.org/NON_VOTING",
            "archive@bast.example.org/INFORMATION");
    assertThat(event.meeting().chair())
        .hasValueSatisfying(c -> assertThat(c.role()).isEqualTo(ParticipantRole.CHAIR));
    assertThat(event.meeting().agenda())
        .extracting(a -> a.durationMinutes())
        .containsExactly(20, 90, 40);
  }

  static Stream<Arguments> invalidMeetings() {
    return Stream.of(
        invalid(
            "end before start",
            m ->
                m.put("end", LocalDateTime.parse((String) m.get("start")).minusHours(1).toString()),
            "end"),
        invalid("end equal to start", m -> m.put("end", m.get("start")), "end"),
        invalid(
            "longer than the maximum",
            m ->
                m.put("end", LocalDateTime.parse((String) m.get("start")).plusHours(25).toString()),
            "end"),
        invalid(
            "start in the past",
            m -> {
              m.put("start", LocalDateTime.now().minusDays(2).toString());
              m.put("end", LocalDateTime.now().minusDays(2).plusHours(1).toString());
            },
            "start"),
        invalid("unknown time zone", m -> m.put("timeZone", "Mars/Olympus_Mons"), "timeZone"),
        invalid("fixed offset instead of a zone", m -> m.put("timeZone", "+08:00"), "timeZone"),
        invalid(
            "bad e-mail",
            m -> MeetingRequests.participantAt(m, 1).put("email", "tian.wen-at-bast"),
            "participants[1].email"),
        invalid(
            "e-mail without a domain dot",
            m -> MeetingRequests.participantAt(m, 1).put("email", "tian@bast"),
            "participants[1].email"),
        invalid(
            "duplicate e-mail",
            m -> MeetingRequests.participantAt(m, 2).put("email", "TIAN.WEN@bast.example.org"),
            "participants[2].email"),
        invalid(
            "CR/LF in the title",
            m -> m.put("title", "Meeting\r\nBcc: victim@example.org"),
            "title"),
        invalid(
            "lone CR in a participant name",
            m -> MeetingRequests.participantAt(m, 0).put("name", "Shen\rJie"),
            "participants[0].name"),
        invalid(
            "LF in the location",
            m -> m.put("location", "Room 1\nDESCRIPTION:injected"),
            "location"),
        invalid("blank title", m -> m.put("title", "   "), "title"),
        invalid("missing title", m -> m.remove("title"), "title"),
        invalid(
            "more agenda items than the limit",
            m ->
                m.put(
                    "agenda",
                    java.util.Collections.nCopies(
                        101, MeetingRequests.agendaItem("Item", null, 1))),
            "agenda"),
        invalid(
            "more participants than the limit",
            m -> {
              List<Map<String, Object>> many = new ArrayList<>();
              many.add(
                  MeetingRequests.participant(
                      "Shen Jie", "shen.jie@bast.example.org", "CHAIR", "zh-CN"));
              for (int i = 0; i < 500; i++) {
                many.add(
                    MeetingRequests.participant(
                        "Member " + i, "member" + i + "@bast.example.org", "VOTING", "en"));
              }
              m.put("participants", many);
              m.remove("agenda");
            },
            "participants"),
        invalid("oversized title", m -> m.put("title", "x".repeat(201)), "title"),
        invalid("empty participant list", m -> m.put("participants", List.of()), "participants"),
        invalid(
            "no chair",
            m -> MeetingRequests.participantAt(m, 0).put("role", "VOTING"),
            "participants"),
        invalid(
            "unknown role",
            m -> MeetingRequests.participantAt(m, 3).put("role", "OBSERVER"),
            "participants[3].role"),
        invalid(
            "unsupported language",
            m -> MeetingRequests.participantAt(m, 3).put("language", "fr"),
            "participants[3].language"),
        invalid(
            "presenter who is not a participant",
            m -> MeetingRequests.agendaItemAt(m, 1).put("presenterEmail", "stranger@example.org"),
            "agenda[1].presenterEmail"),
        invalid(
            "agenda item without duration",
            m -> MeetingRequests.agendaItemAt(m, 0).remove("durationMinutes"),
            "agenda[0].durationMinutes"),
        invalid("no place at all", m -> m.remove("location"), "location"),
        invalid(
            "online link that is not a web URL",
            m -> m.put("onlineLink", "javascript:alert(1)"),
            "onlineLink"),
        invalid("start that is not a date", m -> m.put("start", "next Tuesday"), "start"),
        invalid(
            "negative reminder offset",
            m -> m.put("reminderMinutesBefore", List.of(60, -5)),
            "reminderMinutesBefore[1]"));
  }

  private static Arguments invalid(
      String name, java.util.function.Consumer<Map<String, Object>> breakIt, String field) {
    return Arguments.of(name, breakIt, field);
  }

  @ParameterizedTest(name = "{0} -> 400 naming {2}")
  @MethodSource("invalidMeetings")
  void invalidMeetingIsRefusedWithProblemDetailsNamingTheFieldAndNothingIsStored(
      String name, java.util.function.Consumer<Map<String, Object>> breakIt, String field)
      throws Exception {
    long meetingsBefore = countMeetings();
    Map<String, Object> meeting = MeetingRequests.valid("refused: " + name);
    breakIt.accept(meeting);

    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(meeting)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem(field)))
        .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString(field)))
        .andExpect(jsonPath("$.trace").doesNotExist());

    assertThat(countMeetings()).isEqualTo(meetingsBefore);
    assertThat(
            jdbc.sql(
                    "select count(*) from outbox where cast(payload as jsonb) -> 'meeting' ->> 'title' like 'refused:%'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void refusedMeetingsNeverReachKafka() throws Exception {
    Map<String, Object> bad = MeetingRequests.valid("refused: never published");
    bad.put("end", bad.get("start"));
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(bad)))
        .andExpect(status().isBadRequest());

    // The relay publishes in commit order: once a later meeting is on the topic, an event of
    // the refused one would have been too.
    String sentinel = scheduleAndGetId(MeetingRequests.valid("sentinel after refusals"));
    awaitRecord(sentinel);

    assertThat(received).noneMatch(r -> r.value().contains("refused: "));
  }

  @Test
  void listShowsTheCallersMeetingsInTheTimeRangeOrderedByStart() throws Exception {
    Map<String, Object> later = MeetingRequests.valid("Later meeting of the district office");
    later.remove("organiser");
    later.put("start", LocalDateTime.parse((String) later.get("start")).plusDays(1).toString());
    later.put("end", LocalDateTime.parse((String) later.get("end")).plusDays(1).toString());
    Map<String, Object> earlier = MeetingRequests.valid("Earlier meeting of the district office");
    earlier.remove("organiser");
    String laterId = scheduleAndGetId(later, DISTRICT);
    String earlierId = scheduleAndGetId(earlier, DISTRICT);

    mvc.perform(get("/api/meetings").with(DISTRICT))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.totalItems").value(2))
        .andExpect(jsonPath("$.items[0].id").value(earlierId))
        .andExpect(jsonPath("$.items[0].organiser.email").value("district@bast.example.org"))
        .andExpect(jsonPath("$.items[0].organiser.name").value("District Association Office"))
        .andExpect(jsonPath("$.items[1].id").value(laterId));

    String earlierEnd = LocalDateTime.parse((String) earlier.get("end")).toString() + ":00+08:00";
    mvc.perform(get("/api/meetings").with(DISTRICT).param("from", earlierEnd))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.totalItems").value(1))
        .andExpect(jsonPath("$.items[0].id").value(laterId));

    mvc.perform(get("/api/meetings").with(DISTRICT).param("size", "1").param("page", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(1))
        .andExpect(jsonPath("$.items[0].id").value(laterId))
        .andExpect(jsonPath("$.totalPages").value(2));

    mvc.perform(get("/api/meetings").with(OPS).param("organiser", "district@bast.example.org"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.totalItems").value(2));
  }

  @Test
  void listRefusesBadParametersNamingThem() throws Exception {
    mvc.perform(get("/api/meetings").with(OFFICE).param("size", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("size"));
    mvc.perform(get("/api/meetings").with(OFFICE).param("status", "POSTPONED"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("status"));
    mvc.perform(get("/api/meetings").with(OFFICE).param("from", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("from"));
    java.time.OffsetDateTime tomorrow =
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
            .plusDays(1)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    mvc.perform(
            get("/api/meetings")
                .with(OFFICE)
                .param("from", tomorrow.plusDays(1).toString())
                .param("to", tomorrow.toString()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @Test
  void aStartInTheRepeatedHourOfAFallBackIsRefusedUnlessItsOffsetSaysWhichOccurrence()
      throws Exception {
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    java.time.zone.ZoneOffsetTransition transition =
        berlin.getRules().nextTransition(java.time.Instant.now());
    while (transition.isGap()) {
      transition = berlin.getRules().nextTransition(transition.getInstant());
    }
    LocalDateTime twice = transition.getDateTimeAfter().plusMinutes(30);
    Map<String, Object> meeting = MeetingRequests.valid("Held in the repeated hour");
    meeting.put("timeZone", "Europe/Berlin");
    meeting.put("start", twice.toString());
    meeting.put("end", twice.plusHours(2).toString());

    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(meeting)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("start"))
        .andExpect(
            jsonPath("$.errors[0].message", org.hamcrest.Matchers.containsString("occurs twice")));

    meeting.put("start", twice.toString() + transition.getOffsetBefore());
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(meeting)))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.start").value(twice + ":00"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"));
  }

  @Test
  void bodyThatIsNotJsonIsRefusedWithProblemDetails() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors").isArray());
  }

  @Test
  void unacceptableResponseTypeIsRefusedWith406() throws Exception {
    mvc.perform(
            get("/api/meetings/{id}", "6f1e9a52-0000-4000-8000-000000000000")
                .with(OFFICE)
                .accept(MediaType.TEXT_HTML))
        .andExpect(status().isNotAcceptable());
  }

  @Test
  void wrongMediaTypeIsRefusedWith415() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.TEXT_PLAIN)
                .content("a meeting"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void unknownMeetingIs404AndMalformedIdIs400() throws Exception {
    mvc.perform(get("/api/meetings/{id}", "6f1e9a52-0000-4000-8000-000000000000").with(OFFICE))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath(
                "$.detail",
                org.hamcrest.Matchers.containsString("6f1e9a52-0000-4000-8000-000000000000")));
    mvc.perform(get("/api/meetings/{id}", "not-a-uuid").with(OFFICE))
        .andExpect(status().isBadRequest());
  }

  private String scheduleAndGetId(Map<String, Object> meeting) throws Exception {
    return scheduleAndGetId(meeting, OFFICE);
  }

  private String scheduleAndGetId(Map<String, Object> meeting, RequestPostProcessor caller)
      throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/meetings")
                    .with(caller)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body(meeting)))
            .andExpect(status().isCreated())
            .andReturn();
    return json.readTree(result.getResponse().getContentAsString()).get("id").asString();
  }

  private ConsumerRecord<String, String> awaitRecord(String meetingId) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(received::add);
              return received.stream().anyMatch(r -> meetingId.equals(r.key()));
            });
    return received.stream().filter(r -> meetingId.equals(r.key())).findFirst().orElseThrow();
  }

  private long countMeetings() {
    return jdbc.sql("select count(*) from meeting").query(Long.class).single();
  }

  private String body(Map<String, Object> meeting) {
    return json.writeValueAsString(meeting);
  }

  private static String headerOf(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
