package org.convene.notifier.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthPropertiesTests {

  static HealthProperties.Scheduler unconfigured() {
    return new HealthProperties.Scheduler(null, null, null, Duration.ofSeconds(2));
  }

  static HealthProperties properties(HealthProperties.Scheduler scheduler) {
    return new HealthProperties(
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        500,
        Duration.ofMinutes(5),
        10,
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        scheduler);
  }

  @Test
  void theDefaultsAreAccepted() {
    assertThat(properties(unconfigured()).scheduler().configured()).isFalse();
  }

  @Test
  void aRefreshBelowOneSecondIsRefusedNamingTheProperty() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HealthProperties(
                    Duration.ofMillis(200),
                    Duration.ofMinutes(5),
                    500,
                    Duration.ofMinutes(5),
                    10,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    unconfigured()))
        .withMessageContaining("convene.notifier.ops.health.refresh");
  }

  @Test
  void aZeroWindowIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HealthProperties(
                    Duration.ofSeconds(5),
                    Duration.ZERO,
                    500,
                    Duration.ofMinutes(5),
                    10,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    unconfigured()))
        .withMessageContaining("convene.notifier.ops.health.window");
  }

  @Test
  void theSchedulerUrlMustBeHttpAndItsCredentialsGoTogether() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HealthProperties.Scheduler(
                    URI.create("ftp://scheduler"), null, null, Duration.ofSeconds(2)))
        .withMessageContaining("scheduler.base-url");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HealthProperties.Scheduler(
                    URI.create("http://scheduler:8080"), "ops", null, Duration.ofSeconds(2)))
        .withMessageContaining("username and .password go together");
  }

  @Test
  void thePasswordIsNotPrinted() {
    assertThat(
            new HealthProperties.Scheduler(
                    URI.create("http://scheduler:8080"), "ops", "s3cret", Duration.ofSeconds(2))
                .toString())
        .doesNotContain("s3cret");
  }
}
