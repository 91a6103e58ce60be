package org.convene.notifier.reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.ReplyReceived;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands replies to the scheduler: the contract's JSON on the replies topic, keyed by UID, with
 * CloudEvents headers. A producer of its own, not the application's template, whose serialiser
 * writes dead letters only; idempotent and acknowledged by all replicas. A batch's sends are waited
 * for together, so a message is marked processed only once the broker has its reply, without a
 * round trip to the broker per message.
 */
final class ReplyPublisher implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, String> producer;
  private final JsonMapper json;
  private final String topic;

  ReplyPublisher(Map<String, Object> producerProperties, JsonMapper json, String topic) {
    Map<String, Object> properties = new java.util.HashMap<>(producerProperties);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    this.json = json;
    this.topic = topic;
  }

  /** A reply handed to the producer, its acknowledgement still to come. */
  record Sent(ReplyReceived reply, Future<RecordMetadata> acknowledged) {}

  /** Hands the reply to the producer without waiting; {@link #await} waits for a batch. */
  Sent send(ReplyReceived reply) {
    List<Header> headers =
        List.of(
            header(CloudEventHeaders.ID, reply.messageId()),
            header(CloudEventHeaders.TYPE, ReplyReceived.CLOUD_EVENT_TYPE),
            header(CloudEventHeaders.SOURCE, ReplyReceived.SOURCE_MAILBOX_READER),
            header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, null, reply.uid(), json.writeValueAsString(reply), headers);
    return new Sent(reply, producer.send(record));
  }

  /** Waits until the broker has every reply sent, or fails naming the first it has not. */
  void await(List<Sent> sent) throws InterruptedException {
    if (sent.isEmpty()) {
      return;
    }
    producer.flush();
    long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
    for (Sent reply : sent) {
      try {
        reply.acknowledged().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(
            "Cannot publish reply " + reply.reply().messageId() + " to " + topic, e);
      }
    }
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
