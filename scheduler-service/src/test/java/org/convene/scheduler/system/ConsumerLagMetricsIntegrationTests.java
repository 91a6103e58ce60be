package org.convene.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The lag gauge follows a consumer group's committed offsets on the real broker: it grows with
 * records the group has not committed and falls back to zero once it commits them.
 */
@SchedulerIntegrationTest
class ConsumerLagMetricsIntegrationTests {

  @Autowired ConsumerLagMetrics lagMetrics;
  @Autowired MeterRegistry meters;

  // The context's own broker: the bootstrap-servers property is a system property that the last
  // embedded broker started in this JVM (another test's) has overwritten.
  @Autowired EmbeddedKafkaBroker broker;

  @Test
  void lagRisesWithUncommittedRecordsAndFallsWhenTheGroupCatchesUp() throws Exception {
    String topic = "convene.lag-test-" + UUID.randomUUID();
    String group = "lag-test-" + UUID.randomUUID();
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin =
            Admin.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        KafkaProducer<String, String> producer = producer()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 4; i++) {
        producer.send(new ProducerRecord<>(topic, "key", "record " + i)).get(30, TimeUnit.SECONDS);
      }
      // The group has read nothing of the partition yet: its committed offset is the start.
      commit(admin, group, partition, 0);

      lagMetrics.refresh();
      assertThat(lag(group, topic)).isEqualTo(4.0);

      commit(admin, group, partition, 4);

      lagMetrics.refresh();
      assertThat(lag(group, topic)).isZero();
    }
  }

  private static void commit(Admin admin, String group, TopicPartition partition, long offset)
      throws Exception {
    admin
        .alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private double lag(String group, String topic) {
    return meters
        .get("convene.kafka.consumer.lag")
        .tags("group", group, "topic", topic, "partition", "0")
        .gauge()
        .value();
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
        new StringSerializer(),
        new StringSerializer());
  }
}
