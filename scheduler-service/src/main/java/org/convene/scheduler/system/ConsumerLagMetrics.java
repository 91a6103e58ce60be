package org.convene.scheduler.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumer lag of every consumer group on Convene's topics, from the offsets the groups committed
 * and the end of each partition: {@code convene.kafka.consumer.lag{group, topic, partition}}. The
 * scheduler reports it rather than the consumers themselves, so the lag of a notifier that has
 * stopped keeps growing on the dashboard instead of vanishing with it.
 */
@Component
public class ConsumerLagMetrics implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);
  private static final Duration REFRESH = Duration.ofSeconds(10);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final String TOPIC_PREFIX = "convene.";

  private final KafkaAdmin kafkaAdmin;
  private final MultiGauge lag;
  private volatile Admin admin;
  private volatile ScheduledExecutorService refresher;

  ConsumerLagMetrics(KafkaAdmin kafkaAdmin, MeterRegistry meters) {
    this.kafkaAdmin = kafkaAdmin;
    this.lag =
        MultiGauge.builder("convene.kafka.consumer.lag")
            .description(
                "Records on a partition that a consumer group has not committed yet (end offset"
                    + " minus committed offset)")
            .baseUnit("records")
            .register(meters);
  }

  /** Reads the offsets once and replaces the gauges' rows; the same on every refresh. */
  public void refresh() {
    Admin client = admin;
    if (client == null) {
      return;
    }
    try {
      Map<String, Map<TopicPartition, Long>> lags = read(client);
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      lags.forEach(
          (group, partitions) ->
              partitions.forEach(
                  (partition, value) ->
                      rows.add(
                          MultiGauge.Row.of(
                              Tags.of(
                                  "group", group,
                                  "topic", partition.topic(),
                                  "partition", Integer.toString(partition.partition())),
                              value))));
      lag.register(rows, true);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // The broker is away: keep the last figures rather than report no lag.
      log.debug("Consumer lag not refreshed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Map<TopicPartition, Long>> read(Admin client)
      throws ExecutionException, InterruptedException, TimeoutException {
    long timeout = ADMIN_TIMEOUT.toMillis();
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
  public void start() {
    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("consumer-lag").daemon().factory());
    executor.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    refresher = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = refresher;
    refresher = null;
    if (executor != null) {
      executor.shutdownNow();
    }
    Admin client = admin;
    admin = null;
    if (client != null) {
      client.close(ADMIN_TIMEOUT);
    }
  }

  @Override
  public boolean isRunning() {
    return refresher != null;
  }
}
