package org.convene.scheduler.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.convene.events.CloudEventHeaders;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the scheduler service, prefix {@code convene.scheduler}. Checked at start-up: a bad
 * value stops the service with a message naming the property.
 *
 * @param topic Kafka topic meeting events are published to
 * @param topicPartitions partitions of the topic when the service creates it
 * @param topicReplicas replication factor of the topic when the service creates it
 * @param relay how the outbox is relayed to Kafka
 * @param limits the largest meetings the API accepts
 * @param defaultReminders when reminders go out before a meeting that does not say, e.g. 1d,1h
 */
@Validated
@ConfigurationProperties("convene.scheduler")
public record SchedulerProperties(
    @DefaultValue(CloudEventHeaders.DEFAULT_TOPIC) @NotBlank String topic,
    @DefaultValue("3") @Min(1) @Max(1000) int topicPartitions,
    @DefaultValue("1") @Min(1) @Max(10) short topicReplicas,
    @DefaultValue @Valid @NotNull Relay relay,
    @DefaultValue @Valid @NotNull Limits limits,
    @DefaultValue({"1d", "1h"}) @NotNull List<@NotNull Duration> defaultReminders) {

  public SchedulerProperties {
    defaultReminders = List.copyOf(defaultReminders);
  }

  /**
   * @param interval how often the relay looks at the outbox besides being woken by each commit, and
   *     how often an instance that does not relay tries to take over
   * @param batchSize events relayed per poll at most
   * @param sendTimeout how long to wait for the broker to acknowledge a batch before retrying it
   */
  public record Relay(
      @DefaultValue("100ms") @NotNull Duration interval,
      @DefaultValue("200") @Min(1) @Max(10_000) int batchSize,
      @DefaultValue("15s") @NotNull Duration sendTimeout) {}

  /**
   * @param maxParticipants participants per meeting at most
   * @param maxAgendaItems agenda items per meeting at most
   * @param maxDuration longest meeting accepted
   */
  public record Limits(
      @DefaultValue("500") @Min(1) @Max(100_000) int maxParticipants,
      @DefaultValue("100") @Min(1) @Max(10_000) int maxAgendaItems,
      @DefaultValue("24h") @NotNull Duration maxDuration) {}
}
