package org.convene.notifier.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumer lag of every group on Convene's topics, asked of the broker when the page asks: end
 * offset minus committed offset per partition. From the broker, not from the consumers, so that the
 * lag of a stopped group still shows, and the scheduler's groups with the notifier's.
 */
@Component
class ConsumerLag implements DisposableBean {

  private static final String TOPIC_PREFIX = "convene.";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final KafkaAdmin kafkaAdmin;
  private volatile Admin admin;

  ConsumerLag(KafkaAdmin kafkaAdmin) {
    this.kafkaAdmin = kafkaAdmin;
  }

  /** Each group's lag per partition, by group, topic and partition. */
  FlowHealth.Lag read(long threshold) {
    try {
      List<FlowHealth.PartitionLag> rows = new ArrayList<>();
      lags(client())
          .forEach(
              (group, partitions) ->
                  partitions.forEach(
                      (partition, lag) ->
                          rows.add(
                              new FlowHealth.PartitionLag(
                                  group,
                                  partition.topic(),
                                  partition.partition(),
                                  lag,
                                  lag > threshold))));
      rows.sort(
          Comparator.comparing(FlowHealth.PartitionLag::group)
              .thenComparing(FlowHealth.PartitionLag::topic)
              .thenComparingInt(FlowHealth.PartitionLag::partition));
      return new FlowHealth.Lag(null, rows, threshold);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return new FlowHealth.Lag("broker not answering: " + e.getMessage(), List.of(), threshold);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new FlowHealth.Lag("interrupted", List.of(), threshold);
    }
  }

  private Admin client() {
    Admin client = admin;
    if (client == null) {
      synchronized (this) {
        if (admin == null) {
          admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        client = admin;
      }
    }
    return client;
  }

  private static Map<String, Map<TopicPartition, Long>> lags(Admin client)
      throws ExecutionException, InterruptedException, TimeoutException {
    long timeout = TIMEOUT.toMillis();
    Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    for (GroupListing group :
        client
            .listGroups(ListGroupsOptions.forConsumerGroups())
            .all()
            .get(timeout, TimeUnit.MILLISECONDS)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          client
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(timeout, TimeUnit.MILLISECONDS);
      Map<TopicPartition, Long> ours = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null && partition.topic().startsWith(TOPIC_PREFIX)) {
              ours.put(partition, offset.offset());
            }
          });
      if (!ours.isEmpty()) {
        committed.put(group.groupId(), ours);
      }
    }
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    committed.values().forEach(p -> p.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> end =
        ends.isEmpty()
            ? Map.of()
            : client.listOffsets(ends).all().get(timeout, TimeUnit.MILLISECONDS);
    Map<String, Map<TopicPartition, Long>> lags = new HashMap<>();
    committed.forEach(
        (group, partitions) -> {
          Map<TopicPartition, Long> behind = new HashMap<>();
          partitions.forEach(
              (partition, offset) -> {
                ListOffsetsResultInfo last = end.get(partition);
                if (last != null) {
                  behind.put(partition, Math.max(0, last.offset() - offset));
                }
              });
          lags.put(group, behind);
        });
    return lags;
  }

  @Override
  public void destroy() {
    Admin client = admin;
    admin = null;
    if (client != null) {
      client.close(TIMEOUT);
    }
  }
}
