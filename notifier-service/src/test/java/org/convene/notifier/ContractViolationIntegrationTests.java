package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events published by another client that read as JSON but break the contract: both consumer groups
 * give up on them at once with the reason, and neither records nor plans anything for them. Each is
 * one dead letter, naming both groups, and one copy on the dead-letter topic.
 */
class ContractViolationIntegrationTests extends NotifierTestSupport {

  @Test
  void
      anEventBreakingTheContractIsDeadLetteredOnceForBothGroupsWithTheReasonAndNeitherRecordedNorPlanned() {
    List<MeetingStory> bad = new ArrayList<>();
    bad.add(publishBroken("no-participants", meeting -> meeting.remove("participants")));
    bad.add(publishBroken("empty-title", meeting -> meeting.put("title", " ")));
    bad.add(
        publishBroken(
            "no-mailbox",
            meeting ->
                ((ObjectNode) ((ArrayNode) meeting.get("participants")).get(1)).put("email", "")));
    MeetingStory next = new MeetingStory(MeetingStory.uniqueDomain("after-invalid"));
    publish(next.scheduled());

    List<ConsumerRecord<String, byte[]>> dead =
        deadLetters(bad.stream().map(story -> story.meetingId().toString()).toList(), bad.size());
    assertThat(dead)
        .allSatisfy(
            letter -> {
              // Where it was read, as text, and the same partition on the dead-letter topic.
              assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION))
                  .isEqualTo(Integer.toString(letter.partition()));
              assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).matches("\\d+");
              assertThat(letter.headers().headers(KafkaHeaders.DLT_ORIGINAL_PARTITION))
                  .as("only the text header, not Spring's binary one as well")
                  .hasSize(1);
              assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                  .isEqualTo(InvalidMeetingEventException.class.getName());
              assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
              assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                  .contains("breaks the contract", letter.key());
            });
    assertThat(dead)
        .extracting(letter -> text(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
        .isSubsetOf("invitations", "convene-reminder-planner");
    for (MeetingStory story : bad) {
      await()
          .atMost(DELIVERY)
          .untilAsserted(
              () ->
                  assertThat(
                          jdbc.sql(
                                  """
                                  select array_to_string(groups, ',') || ' ' || exception || ' ' || partition_no || '@' || record_offset
                                  from dead_letter where record_key = :key
                                  """)
                              .param("key", story.meetingId().toString())
                              .query(String.class)
                              .list())
                      .singleElement()
                      .satisfies(
                          row ->
                              assertThat(row.split(" ")[0].split(","))
                                  .containsExactlyInAnyOrder(
                                      "invitations", "convene-reminder-planner"))
                      .asString()
                      .contains(InvalidMeetingEventException.class.getName()));
    }
    assertThat(dead)
        .extracting(letter -> text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .anySatisfy(reason -> assertThat(reason).contains("meeting.participants must not be empty"))
        .anySatisfy(reason -> assertThat(reason).contains("meeting.title must not be empty"))
        .anySatisfy(
            reason ->
                assertThat(reason).contains("meeting.participants[1].email must not be empty"));

    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(next.domain()).size() == 5);
    for (MeetingStory story : bad) {
      assertThat(ledger(story.meetingId())).isEmpty();
      assertThat(
              jdbc.sql("select count(*) from meeting_event where meeting_id = :id")
                  .param("id", story.meetingId().value())
                  .query(Long.class)
                  .single())
          .isZero();
      assertThat(
              jdbc.sql("select count(*) from qrtz_job_details where job_name = :id")
                  .param("id", story.meetingId().toString())
                  .query(Long.class)
                  .single())
          .isZero();
      assertThat(TestSmtp.receivedFor(story.domain())).isEmpty();
    }
    // The valid meeting got its reminders planned: the planner was running while it refused the
    // others.
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                jdbc.sql("select count(*) from qrtz_job_details where job_name = :id")
                        .param("id", next.meetingId().toString())
                        .query(Long.class)
                        .single()
                    == 1);
  }

  /** A scheduled meeting's JSON as the scheduler writes it, then broken by hand. */
  private static MeetingStory publishBroken(String name, Consumer<ObjectNode> breaking) {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain(name));
    var event = story.scheduled();
    ObjectNode root = (ObjectNode) json.readTree(json.writeValueAsBytes(event));
    breaking.accept((ObjectNode) root.get("meeting"));
    send(
        TOPIC,
        event.meetingId().toString(),
        json.writeValueAsBytes(root),
        cloudEventHeaders(event.eventId().toString(), event.cloudEventType()));
    return story;
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(List<String> keys, int expected) {
    Map<String, Object> properties =
        KafkaTestUtils.consumerProps(broker, "dead-letters-" + UUID.randomUUID(), false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      await()
          .atMost(DELIVERY)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (keys.contains(record.key())) {
                    found.add(record);
                  }
                }
                return found.size() >= expected;
              });
    }
    assertThat(found).hasSize(expected);
    return found;
  }

  private static String text(ConsumerRecord<String, byte[]> record, String header) {
    Header last = record.headers().lastHeader(header);
    assertThat(last).as(header).isNotNull();
    return new String(last.value(), StandardCharsets.UTF_8);
  }
}
