package org.convene.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The lag gauge follows a consumer group on the real broker: it grows with records the group has
 * not committed and falls back to zero once it commits them.
 */
@SchedulerIntegrationTest
class ConsumerLagMetricsIntegrationTests {

  private static final String TOPIC = "convene.lag-test";

  @Autowired ConsumerLagMetrics lagMetrics;
  @Autowired MeterRegistry meters;
  @Autowired KafkaAdmin kafkaAdmin;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Test
  void lagRisesWithUncommittedRecordsAndFallsWhenTheGroupCatchesUp() {
    kafkaAdmin.createOrModifyTopics(TopicBuilder.name(TOPIC).partitions(1).build());
    String group = "lag-test-" + UUID.randomUUID();
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    try (KafkaConsumer<String, String> consumer = consumer(group);
        KafkaProducer<String, String> producer = producer()) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(consumer.position(partition))));
      for (int i = 0; i < 4; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "key", "record " + i));
      }
      producer.flush();

      lagMetrics.refresh();
      assertThat(lag(group)).isEqualTo(4.0);

      int read = 0;
      while (read < 4) {
        read += consumer.poll(Duration.ofSeconds(1)).count();
      }
      consumer.commitSync();

      lagMetrics.refresh();
      assertThat(lag(group)).isZero();
    }
  }

  private double lag(String group) {
    return meters
        .get("convene.kafka.consumer.lag")
        .tags("group", group, "topic", TOPIC, "partition", "0")
        .gauge()
        .value();
  }

  private KafkaConsumer<String, String> consumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringSerializer(),
        new StringSerializer());
  }
}
