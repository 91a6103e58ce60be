package org.convene.notifier.delivery;

import java.time.Duration;

/** Delivery settings for unit tests: the defaults, with changes. */
final class DeliveryTestProperties {

  private DeliveryTestProperties() {}

  static DeliveryProperties defaults() {
    return withRetry(
        new DeliveryProperties.Retry(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(10), 0.2, 30));
  }

  static DeliveryProperties withRetry(DeliveryProperties.Retry retry) {
    return new DeliveryProperties(
        Duration.ofSeconds(3),
        Duration.ofSeconds(30),
        Duration.ofMillis(250),
        100,
        2,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        retry,
        new DeliveryProperties.Smtp(500));
  }

  static DeliveryProperties withMaxMessagesPerConnection(int max) {
    DeliveryProperties defaults = defaults();
    return new DeliveryProperties(
        defaults.quietPeriod(),
        defaults.maxDelay(),
        defaults.pollInterval(),
        defaults.batchSize(),
        defaults.threads(),
        defaults.relayProbeInterval(),
        defaults.reportsRetryInterval(),
        defaults.retry(),
        new DeliveryProperties.Smtp(max));
  }

  static DeliveryProperties withBatchSize(int batchSize) {
    DeliveryProperties defaults = defaults();
    return new DeliveryProperties(
        defaults.quietPeriod(),
        defaults.maxDelay(),
        defaults.pollInterval(),
        batchSize,
        defaults.threads(),
        defaults.relayProbeInterval(),
        defaults.reportsRetryInterval(),
        defaults.retry(),
        defaults.smtp());
  }

  static DeliveryProperties withRelayProbeInterval(Duration interval) {
    DeliveryProperties defaults = defaults();
    return new DeliveryProperties(
        defaults.quietPeriod(),
        defaults.maxDelay(),
        defaults.pollInterval(),
        defaults.batchSize(),
        defaults.threads(),
        interval,
        defaults.reportsRetryInterval(),
        defaults.retry(),
        defaults.smtp());
  }
}
