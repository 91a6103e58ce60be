package org.convene.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** Reads the meeting-events topic from the start, as the notifier would, for assertions. */
public final class MeetingEventsTopic implements AutoCloseable {

  private final Consumer<String, String> consumer;
  private final JsonMapper json;
  private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

  public MeetingEventsTopic(EmbeddedKafkaBroker broker, JsonMapper json, String group) {
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, group, false);
    props.put("auto.offset.reset", "earliest");
    this.consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer();
    this.json = json;
    broker.consumeFromAnEmbeddedTopic(consumer, CloudEventHeaders.DEFAULT_TOPIC);
  }

  /**
   * Waits until {@code count} events of the meeting arrived, then returns all of them in topic
   * order.
   */
  public List<MeetingEvent> awaitEvents(String meetingId, int count) {
    return awaitEventsOfEach(List.of(meetingId), count).get(meetingId);
  }

  /**
   * Waits until {@code count} events of each meeting arrived, then returns all of each in topic
   * order: one wait for all of them, and one look for anything published twice.
   */
  public Map<String, List<MeetingEvent>> awaitEventsOfEach(List<String> meetingIds, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(100)).forEach(received::add);
              return meetingIds.stream().allMatch(id -> recordsOf(id).size() >= count);
            });
    // One more poll: anything published twice would be here by now.
    consumer.poll(Duration.ofMillis(300)).forEach(received::add);
    return meetingIds.stream()
        .collect(
            Collectors.toMap(
                id -> id,
                id ->
                    recordsOf(id).stream()
                        .map(r -> json.readValue(r.value(), MeetingEvent.class))
                        .toList()));
  }

  public List<ConsumerRecord<String, String>> recordsOf(String meetingId) {
    return received.stream().filter(r -> meetingId.equals(r.key())).toList();
  }

  public List<ConsumerRecord<String, String>> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
