package org.convene.notifier.reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.ReplyReceived;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands replies to the scheduler: the contract's JSON on the replies topic, keyed by UID, with
 * CloudEvents headers. A producer of its own, not the application's template, whose serialiser
 * writes dead letters only; idempotent and acknowledged by all replicas, and each send waited for,
 * so a message is marked processed only once the broker has its reply.
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

  void publish(ReplyReceived reply) throws InterruptedException {
    List<Header> headers =
        List.of(
            header(CloudEventHeaders.ID, reply.messageId()),
            header(CloudEventHeaders.TYPE, ReplyReceived.CLOUD_EVENT_TYPE),
            header(CloudEventHeaders.SOURCE, ReplyReceived.SOURCE_MAILBOX_READER),
            header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, null, reply.uid(), json.writeValueAsString(reply), headers);
    try {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot publish reply " + reply.messageId() + " to " + topic, e);
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
