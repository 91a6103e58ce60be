package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingScheduled;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * The dead letters on the ops console's JSON API: a record the invitations group gave up on (the
 * database refused it) shows once with its reason; once the cause is fixed, replaying it delivers
 * its invitations once, and replaying it again sends nothing.
 */
class DeadLetterConsoleIntegrationTests extends NotifierTestSupport {

  @LocalServerPort int port;

  @Test
  void aRecordRefusedByTheDatabaseShowsOnceAndIsDeliveredOnceWhenReplayedAfterTheFix() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("replayed"));
    String key = story.meetingId().toString();
    String trigger = "refuse_" + story.meetingId().value().toString().replace('-', '_');
    // The cause: the database refuses this meeting's events (a rule added by mistake, say).
    jdbc.sql(
            """
            create function %1$s() returns trigger language plpgsql as $$
            begin
              if new.meeting_id = '%2$s' then
                raise exception 'meeting events of %2$s are refused by a rule';
              end if;
              return new;
            end $$
            """
                .formatted(trigger, key))
        .update();
    jdbc.sql(
            "create trigger %1$s before insert on meeting_event for each row execute function %1$s()"
                .formatted(trigger))
        .update();
    MeetingScheduled scheduled = story.scheduled();
    publish(scheduled);

    OpsSession ops = new OpsSession(port);
    JsonNode letter =
        await()
            .atMost(DELIVERY)
            .until(
                () -> ops.get("/ops/api/dead-letters?status=DEAD&key=" + key).get("letters"),
                letters -> letters.size() == 1)
            .get(0);
    assertThat(letter.get("groups").values())
        .extracting(JsonNode::asString)
        .containsExactly("invitations");
    assertThat(letter.get("message").asString()).contains("refused by a rule");
    assertThat(letter.get("topic").asString()).isEqualTo(TOPIC);
    long id = letter.get("id").asLong();
    JsonNode detail = ops.get("/ops/api/dead-letters/" + id);
    assertThat(detail.get("valueIsJson").asBoolean()).isTrue();
    assertThat(detail.get("value").asString()).contains("\"meetingId\"", key);
    assertThat(detail.get("headers").values())
        .anySatisfy(
            header -> {
              assertThat(header.get("name").asString()).isEqualTo(CloudEventHeaders.ID);
              assertThat(header.get("value").asString()).isEqualTo(scheduled.eventId().toString());
            });
    assertThat(TestSmtp.receivedFor(story.domain())).isEmpty();

    // The fix, then the replay.
    jdbc.sql("drop trigger %1$s on meeting_event".formatted(trigger)).update();
    jdbc.sql("drop function %1$s()".formatted(trigger)).update();
    JsonNode replayed = ops.write("/ops/api/dead-letters/replay", "{\"ids\": [" + id + "]}");
    assertThat(replayed.get("changed").asInt()).isEqualTo(1);
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);

    JsonNode again = ops.write("/ops/api/dead-letters/replay", "{\"ids\": [" + id + "]}");
    assertThat(again.get("changed").asInt()).isZero();
    assertThat(again.get("skipped").asInt()).isEqualTo(1);
    List<ConsumerRecord<String, byte[]>> replays =
        replaysOf(
            TOPIC + "-" + letter.get("partition").asInt() + "@" + letter.get("offset").asLong());
    assertThat(replays)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo(key);
              assertThat(json.readTree(record.value()))
                  .isEqualTo(json.readTree(json.writeValueAsBytes(scheduled)));
              assertThat(text(record, CloudEventHeaders.ID))
                  .isEqualTo(scheduled.eventId().toString());
              assertThat(text(record, "replayed-by")).isEqualTo(OpsSession.USER);
              assertThat(record.headers().lastHeader("replayed-at")).isNotNull();
            });
    assertThat(ops.get("/ops/api/dead-letters/" + id).get("letter").get("status").asString())
        .isEqualTo("REPLAYED");
    assertThat(ops.get("/ops/api/audit").values())
        .anySatisfy(
            entry -> {
              assertThat(entry.get("action").asString()).isEqualTo("dead-letter.replay");
              assertThat(entry.get("actor").asString()).isEqualTo(OpsSession.USER);
              assertThat(entry.get("target").asString()).contains(Long.toString(id));
              assertThat(entry.get("affected").asInt()).isEqualTo(1);
            });
    awaitLedger(
        story.meetingId(),
        rows -> assertThat(rows).hasSize(5).allMatch(row -> row.endsWith("SENT")));
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(5);
  }

  @Test
  void writesAreRefusedWithoutTheOpsRoleOrWithoutACsrfToken() {
    OpsSession ops = new OpsSession(port);
    long before = auditEntries();
    String body = "{\"filter\": {\"status\": \"DEAD\"}, \"reason\": \"not now\"}";
    for (String action : List.of("replay", "park", "discard")) {
      String path = "/ops/api/dead-letters/" + action;
      assertThat(ops.postWithoutCsrf(path, body).statusCode()).as(action).isEqualTo(403);
      assertThat(ops.postAnonymously(path, body).statusCode()).as(action).isIn(302, 401);
    }
    // The pages' forms too.
    for (String path : List.of("/ops/dead-letters/actions", "/ops/flow/retry")) {
      String form = "action=DISCARD&all=true&status=DEAD&reason=not+now&confirmed=true";
      assertThat(ops.postWithoutCsrf(path, form).statusCode()).as(path).isEqualTo(403);
      assertThat(ops.postAnonymously(path, form).statusCode()).as(path).isIn(302, 401);
    }
    assertThat(auditEntries()).as("no refused write was done, nor audited").isEqualTo(before);
  }

  private long auditEntries() {
    return jdbc.sql("select count(*) from ops_audit").query(Long.class).single();
  }

  /** The records on the topic that replay the dead letter from this source. */
  private List<ConsumerRecord<String, byte[]>> replaysOf(String source) {
    Map<String, Object> properties =
        KafkaTestUtils.consumerProps(broker, "replays-" + UUID.randomUUID(), false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(partition -> new TopicPartition(TOPIC, partition.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Every replay was acknowledged before its answer: read up to today's end of the topic.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await()
          .atMost(DELIVERY)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  Header replayOf = record.headers().lastHeader("replay-of");
                  if (replayOf != null
                      && new String(replayOf.value(), StandardCharsets.UTF_8).equals(source)) {
                    found.add(record);
                  }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
              });
    }
    return found;
  }

  private static String text(ConsumerRecord<String, byte[]> record, String header) {
    Header last = record.headers().lastHeader(header);
    assertThat(last).as(header).isNotNull();
    return new String(last.value(), StandardCharsets.UTF_8);
  }
}
