package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DeliveryPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsCoalesceForThreeSecondsAndRetryWithBackOffForHours() {
    context.run(
        started -> {
          DeliveryProperties properties = started.getBean(DeliveryProperties.class);
          assertThat(properties.quietPeriod()).isEqualTo(Duration.ofSeconds(3));
          assertThat(properties.maxDelay()).isEqualTo(Duration.ofSeconds(30));
          assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(250));
          assertThat(properties.batchSize()).isEqualTo(100);
          assertThat(properties.threads()).isEqualTo(3);
          assertThat(properties.reportsRetryInterval()).isEqualTo(Duration.ofSeconds(10));
          assertThat(properties.retry().initialInterval()).isEqualTo(Duration.ofSeconds(2));
          assertThat(properties.retry().multiplier()).isEqualTo(2.0);
          assertThat(properties.retry().maxInterval()).isEqualTo(Duration.ofMinutes(10));
          assertThat(properties.retry().jitter()).isEqualTo(0.2);
          assertThat(properties.retry().maxAttempts()).isEqualTo(30);
          assertThat(properties.smtp().maxMessagesPerConnection()).isEqualTo(500);
        });
  }

  @Test
  void aQuietPeriodOfZeroTurnsCoalescingOff() {
    context
        .withPropertyValues("convene.notifier.delivery.quiet-period=0")
        .run(
            started ->
                assertThat(started.getBean(DeliveryProperties.class).quietPeriod()).isZero());
  }

  @Test
  void badValuesStopStartUpNamingTheProperty() {
    assertStartUpFailsNaming("convene.notifier.delivery.quiet-period=-1s", "quietPeriod");
    assertStartUpFailsNaming("convene.notifier.delivery.batch-size=0", "batchSize");
    assertStartUpFailsNaming("convene.notifier.delivery.threads=100", "threads");
    assertStartUpFailsNaming("convene.notifier.delivery.poll-interval=0", "pollInterval");
    assertStartUpFailsNaming(
        "convene.notifier.delivery.reports-retry-interval=0s", "reportsRetryInterval");
    assertStartUpFailsNaming("convene.notifier.delivery.retry.multiplier=0.5", "retry.multiplier");
    assertStartUpFailsNaming("convene.notifier.delivery.retry.jitter=2", "retry.jitter");
    assertStartUpFailsNaming("convene.notifier.delivery.retry.max-attempts=0", "retry.maxAttempts");
    assertStartUpFailsNaming(
        "convene.notifier.delivery.smtp.max-messages-per-connection=0",
        "smtp.maxMessagesPerConnection");
    context
        .withPropertyValues("convene.notifier.delivery.quiet-period=soon")
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .hasStackTraceContaining(
                      "Failed to bind properties under 'convene.notifier.delivery.quiet-period'");
            });
  }

  private void assertStartUpFailsNaming(String setting, String property) {
    context
        .withPropertyValues(setting)
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(property);
            });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DeliveryProperties.class)
  static class PropertiesOnly {}
}
