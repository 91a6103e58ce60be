package org.convene.scheduler.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.Callers.OPS;
import static org.convene.scheduler.answer.ScheduledMeetings.CHEN;
import static org.convene.scheduler.answer.ScheduledMeetings.TIAN;
import static org.convene.scheduler.answer.ScheduledMeetings.participant;
import static org.convene.scheduler.answer.ScheduledMeetings.responses;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingEvent;
import org.convene.events.ReplyReceived;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.answer.ScheduledMeetings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calendar replies handed over on the replies topic, through the real broker and database. */
@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepliesInboxIntegrationTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired RepliesListener repliesListener;

  private MeetingEventsTopic topic;

  @BeforeAll
  void subscribe() {
    topic = new MeetingEventsTopic(broker, json, "replies-inbox-tests");
  }

  @AfterAll
  void close() {
    topic.close();
  }

  @Test
  void theSameMessageTwiceRecordsOneAnswerAndOneEvent() throws Exception {
    String id = schedule("Replies once");
    ReplyReceived reply =
        reply(id, TIAN, "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), "See you there");

    publish(reply);
    publish(reply);
    // Processed in order on the meeting's partition: once this one is done, both copies were seen.
    ReplyReceived sentinel =
        reply(id, CHEN, "TENTATIVE", 1, Instant.parse("2026-12-02T09:05:00Z"), null);
    publish(sentinel);
    awaitOutcome(sentinel.messageId());

    assertThat(outcome(reply.messageId())).isEqualTo("RECORDED");
    JsonNode tian = participant(responses(mvc, json, id), TIAN);
    assertThat(tian.get("answer").asString()).isEqualTo("ACCEPTED");
    assertThat(tian.get("channel").asString()).isEqualTo("CALENDAR_REPLY");
    assertThat(tian.get("comment").asString()).isEqualTo("See you there");
    List<MeetingEvent> events = topic.awaitEvents(id, 3);
    assertThat(events)
        .filteredOn(AttendeeAnswered.class::isInstance)
        .extracting(e -> ((AttendeeAnswered) e).attendee())
        .containsExactly(TIAN, CHEN);
  }

  @Test
  void repliesToOneMeetingInOnePollEachSeeTheOnesBeforeThem() throws Exception {
    String id = schedule("Replies in one poll");
    ReplyReceived accepted =
        reply(id, TIAN, "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), null);
    ReplyReceived declined =
        reply(id, TIAN, "DECLINED", 1, Instant.parse("2026-12-02T10:00:00Z"), "Travelling");
    ReplyReceived older =
        reply(id, TIAN, "TENTATIVE", 1, Instant.parse("2026-12-02T08:00:00Z"), null);
    // One poll of the topic, as the container hands it over: the same message twice among them.
    List<ConsumerRecord<String, String>> poll = new ArrayList<>();
    for (ReplyReceived reply : List.of(accepted, declined, declined, older)) {
      poll.add(
          new ConsumerRecord<>(
              ReplyReceived.DEFAULT_TOPIC, 0, poll.size(), id, json.writeValueAsString(reply)));
    }

    repliesListener.on(poll);

    assertThat(
            jdbc.sql(
                    "select count(distinct processed_at) from received_reply where message_id in (?, ?, ?)")
                .params(accepted.messageId(), declined.messageId(), older.messageId())
                .query(Long.class)
                .single())
        .as("processed in one transaction")
        .isEqualTo(1L);
    assertThat(outcome(accepted.messageId())).isEqualTo("RECORDED");
    assertThat(outcome(declined.messageId())).isEqualTo("RECORDED");
    assertThat(outcome(older.messageId())).isEqualTo("SUPERSEDED");
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").asString())
        .isEqualTo("DECLINED");
    List<AttendeeAnswered> answered =
        topic.awaitEvents(id, 3).stream()
            .filter(AttendeeAnswered.class::isInstance)
            .map(AttendeeAnswered.class::cast)
            .toList();
    assertThat(answered)
        .extracting(e -> e.answer().name(), e -> e.previous() == null ? null : e.previous().name())
        .containsExactly(tuple("ACCEPTED", null), tuple("DECLINED", "ACCEPTED"));
  }

  @Test
  void aReplyCarryingTheInvitationsUidIsRecordedForItsMeeting() throws Exception {
    String id = schedule("Replies with the calendar's UID");
    // The UID exactly as the notifier writes it into every invitation, and calendars send it back.
    ReplyReceived reply =
        reply(id + "@convene", TIAN, "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), null);

    publish(reply);
    awaitOutcome(reply.messageId());

    assertThat(outcome(reply.messageId())).isEqualTo("RECORDED");
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").asString())
        .isEqualTo("ACCEPTED");
  }

  @Test
  void anOlderReplyArrivingLateDoesNotOverwriteTheNewerOne() throws Exception {
    String id = schedule("Replies out of order");
    ReplyReceived newer =
        reply(
            id, TIAN, "DECLINED", 1, Instant.parse("2026-12-02T10:00:00Z"), "Travelling after all");
    ReplyReceived older =
        reply(id, TIAN, "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), null);

    publish(newer);
    publish(older);
    awaitOutcome(older.messageId());

    assertThat(outcome(older.messageId())).isEqualTo("SUPERSEDED");
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").asString())
        .isEqualTo("DECLINED");
  }

  @Test
  void somebodyNotInvitedIsListedApartAndACancelledMeetingRefusesReplies() throws Exception {
    String id = schedule("Replies from strangers");
    ReplyReceived crasher =
        reply(
            id, "Crasher@Example.com", "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), null);
    publish(crasher);
    awaitOutcome(crasher.messageId());

    JsonNode responses = responses(mvc, json, id);
    assertThat(outcome(crasher.messageId())).isEqualTo("UNINVITED");
    assertThat(responses.get("uninvited")).hasSize(1);
    assertThat(responses.get("uninvited").get(0).get("email").asString())
        .isEqualTo("Crasher@Example.com");
    assertThat(responses.get("participants")).hasSize(5);

    mvc.perform(
            post("/api/meetings/{id}/cancel", id)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .content("{\"reason\":\"Postponed\"}"))
        .andExpect(status().isOk());
    ReplyReceived late =
        reply(id, TIAN, "ACCEPTED", 2, Instant.parse("2026-12-02T11:00:00Z"), null);
    publish(late);
    awaitOutcome(late.messageId());

    assertThat(outcome(late.messageId())).isEqualTo("REFUSED");
    assertThat(
            jdbc.sql("select reason from received_reply where message_id = ?")
                .param(late.messageId())
                .query(String.class)
                .single())
        .isEqualTo("The meeting is cancelled");
    assertThat(participant(responses(mvc, json, id), TIAN).get("answer").isNull()).isTrue();
  }

  @Test
  void aReplyForNoConvenemeetingOrWithoutAnAnswerIsKeptForOpsWithTheReason() throws Exception {
    ReplyReceived foreign =
        reply("040000008200E00074C5B7101A82E008", TIAN, "ACCEPTED", 0, Instant.now(), null);
    String id = schedule("Replies without answers");
    ReplyReceived needsAction = reply(id, TIAN, "NEEDS-ACTION", 1, Instant.now(), null);
    publish(foreign);
    publish(needsAction);
    awaitOutcome(foreign.messageId());
    awaitOutcome(needsAction.messageId());

    assertThat(outcome(foreign.messageId())).isEqualTo("REFUSED");
    assertThat(outcome(needsAction.messageId())).isEqualTo("REFUSED");
    assertThat(
            jdbc.sql("select reason from received_reply where message_id = ?")
                .param(needsAction.messageId())
                .query(String.class)
                .single())
        .contains("NEEDS-ACTION");

    String refused =
        mvc.perform(get("/api/replies").param("outcome", "REFUSED").param("limit", "500").with(OPS))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json.readTree(refused).findValuesAsString("messageId"))
        .contains(foreign.messageId(), needsAction.messageId());
    assertThat(json.readTree(refused).findValuesAsString("outcome")).containsOnly("REFUSED");
    mvc.perform(get("/api/replies").with(OFFICE)).andExpect(status().isForbidden());
    mvc.perform(get("/api/replies").param("outcome", "LOST").with(OPS))
        .andExpect(status().isBadRequest());
  }

  @Test
  void aCounterIsKeptAsAProposalForTheOrganiserAndChangesNeitherTheMeetingNorTheAnswers()
      throws Exception {
    String id = schedule("Replies proposing another time");
    ReplyReceived accepted =
        reply(id, TIAN, "ACCEPTED", 1, Instant.parse("2026-12-02T09:00:00Z"), null);
    ReplyReceived counter =
        counter(
            reply(
                id,
                TIAN,
                "TENTATIVE",
                1,
                Instant.parse("2026-12-02T10:00:00Z"),
                "Could we meet\r\nin the afternoon?"));
    ReplyReceived stranger =
        counter(
            reply(
                id,
                "stranger@example.com",
                "NEEDS-ACTION",
                1,
                Instant.parse("2026-12-02T10:05:00Z"),
                null));
    publish(accepted);
    publish(counter);
    publish(stranger);
    awaitOutcome(stranger.messageId());

    assertThat(outcome(counter.messageId())).isEqualTo("PROPOSED");
    assertThat(outcome(stranger.messageId())).isEqualTo("REFUSED");
    JsonNode responses = responses(mvc, json, id);
    assertThat(responses.get("revision").asLong()).isEqualTo(1);
    assertThat(participant(responses, TIAN).get("answer").asString()).isEqualTo("ACCEPTED");
    assertThat(responses.get("proposals")).hasSize(1);
    JsonNode proposal = responses.get("proposals").get(0);
    assertThat(proposal.get("email").asString()).isEqualTo(TIAN);
    assertThat(Instant.parse(proposal.get("start").asString())).isEqualTo(counter.proposedStart());
    assertThat(Instant.parse(proposal.get("end").asString())).isEqualTo(counter.proposedEnd());
    assertThat(proposal.get("current").asBoolean()).isTrue();
    assertThat(proposal.get("comment").asString()).isEqualTo("Could we meet in the afternoon?");
    assertThat(responses.get("uninvited")).isEmpty();
  }

  @Test
  void aDelegationIsRecordedAndItsDelegateListedForTheOrganiserWithoutBeingInvited()
      throws Exception {
    String id = schedule("Replies delegating");
    ReplyReceived delegated =
        new ReplyReceived(
            "<" + UUID.randomUUID() + "@mail.example.org>",
            CHEN,
            CHEN,
            "DELEGATED",
            1,
            Instant.parse("2026-12-02T09:00:00Z"),
            id,
            "My deputy will come",
            "Deputy@Example.com",
            Instant.now());
    publish(delegated);
    awaitOutcome(delegated.messageId());

    assertThat(outcome(delegated.messageId())).isEqualTo("RECORDED");
    JsonNode responses = responses(mvc, json, id);
    JsonNode chen = participant(responses, CHEN);
    assertThat(chen.get("answer").asString()).isEqualTo("DELEGATED");
    assertThat(chen.get("delegatedTo").asString()).isEqualToIgnoringCase("deputy@example.com");
    assertThat(responses.get("delegates")).hasSize(1);
    assertThat(responses.get("delegates").get(0).get("email").asString())
        .isEqualToIgnoringCase("deputy@example.com");
    assertThat(responses.get("delegates").get(0).get("delegatedBy").asString()).isEqualTo(CHEN);
    assertThat(responses.get("participants")).hasSize(5);
  }

  @Test
  void aReplyWaitingForItsMeetingsLockHoldsUpNoMeetingOfAnotherPartition() throws Exception {
    String locked = schedule("Replies behind an organiser's change");
    String free = schedule("Replies beside it");
    ReplyReceived waiting = reply(locked, TIAN, "ACCEPTED", 1, Instant.now(), null);
    ReplyReceived passing = reply(free, TIAN, "DECLINED", 1, Instant.now(), null);
    // Once the group has settled: a test class before may have stopped and started the listeners,
    // and while the group re-forms one thread may hold two partitions; a thread waiting for a lock
    // then also holds up the group's rebalance.
    awaitOnePartitionPerThread();

    // As an organiser's change or a link answer would, a transaction holds the meeting's row lock.
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement lock =
          connection.prepareStatement("select id from meeting where id = ? for update")) {
        lock.setObject(1, UUID.fromString(locked));
        lock.executeQuery().close();
      }
      try {
        publish(waiting, 0);
        publish(passing, 1);
        awaitOutcome(passing.messageId());

        assertThat(outcome(passing.messageId())).isEqualTo("RECORDED");
        assertThat(outcome(waiting.messageId())).isNull();
      } finally {
        connection.rollback();
      }
    }
    awaitOutcome(waiting.messageId());
    assertThat(outcome(waiting.messageId())).isEqualTo("RECORDED");
    assertThat(participant(responses(mvc, json, locked), TIAN).get("answer").asString())
        .isEqualTo("ACCEPTED");
  }

  @Test
  void aValueThatIsNoReplyGoesToTheDeadLetterTopicAndTheNextReplyIsStillProcessed()
      throws Exception {
    String id = schedule("Replies after garbage");
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "replies-dlt-tests", false);
    props.put("auto.offset.reset", "earliest");
    try (Consumer<String, String> dlt =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      // Created by the service, not by the test broker: subscribed to by name.
      dlt.subscribe(List.of(ReplyReceived.DEFAULT_TOPIC + ".DLT"));

      kafka.send(ReplyReceived.DEFAULT_TOPIC, id, "{\"this is\": \"not a reply\"").get();
      ReplyReceived next = reply(id, TIAN, "ACCEPTED", 1, Instant.now(), null);
      publish(next);
      awaitOutcome(next.messageId());

      List<ConsumerRecord<String, String>> dead = new ArrayList<>();
      Awaitility.await()
          .atMost(WAIT)
          .until(
              () -> {
                KafkaTestUtils.getRecords(dlt, Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(r -> id.equals(r.key()));
              });
      assertThat(dead)
          .filteredOn(r -> id.equals(r.key()))
          .extracting(ConsumerRecord::value)
          .containsExactly("{\"this is\": \"not a reply\"");
    }
  }

  private String schedule(String title) throws Exception {
    return ScheduledMeetings.schedule(mvc, json, title, null).get("id").asString();
  }

  private static ReplyReceived reply(
      String uid,
      String attendee,
      String partStat,
      long sequence,
      Instant dtStamp,
      String comment) {
    return new ReplyReceived(
        "<" + UUID.randomUUID() + "@mail.example.org>",
        attendee,
        attendee,
        partStat,
        sequence,
        dtStamp,
        uid,
        comment,
        null,
        Instant.now());
  }

  /** The reply as a COUNTER proposing the afternoon of 28 December. */
  private static ReplyReceived counter(ReplyReceived reply) {
    return new ReplyReceived(
        reply.messageId(),
        reply.from(),
        reply.attendee(),
        reply.partStat(),
        reply.sequence(),
        reply.dtStamp(),
        reply.uid(),
        reply.comment(),
        null,
        reply.receivedAt(),
        ReplyReceived.COUNTER,
        Instant.parse("2026-12-28T06:00:00Z"),
        Instant.parse("2026-12-28T08:30:00Z"));
  }

  private void awaitOnePartitionPerThread() {
    ConcurrentMessageListenerContainer<?, ?> replies =
        (ConcurrentMessageListenerContainer<?, ?>)
            listeners.getListenerContainer(RepliesListener.ID);
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                replies.getContainers().size() == 3
                    && replies.getContainers().stream()
                        .allMatch(
                            thread ->
                                thread.getAssignedPartitions() != null
                                    && thread.getAssignedPartitions().size() == 1));
  }

  private void publish(ReplyReceived reply) throws Exception {
    kafka.send(ReplyReceived.DEFAULT_TOPIC, reply.uid(), json.writeValueAsString(reply)).get();
  }

  private void publish(ReplyReceived reply, int partition) throws Exception {
    kafka
        .send(ReplyReceived.DEFAULT_TOPIC, partition, reply.uid(), json.writeValueAsString(reply))
        .get();
  }

  private void awaitOutcome(String messageId) {
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> {
              String outcome = outcome(messageId);
              return outcome != null && !"PROCESSING".equals(outcome);
            });
  }

  private String outcome(String messageId) {
    return jdbc.sql("select outcome from received_reply where message_id = ?")
        .param(messageId)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
