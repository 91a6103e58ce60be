package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class QuorumAlertPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsCheckTwoDaysAndOneDayBeforeAndSkipChecksMoreThanAnHourLate() {
    context.run(
        started -> {
          QuorumAlertProperties properties = started.getBean(QuorumAlertProperties.class);
          assertThat(properties.leadMinutes()).containsExactly(2880, 1440);
          assertThat(properties.grace()).isEqualTo(Duration.ofHours(1));
        });
  }

  @Test
  void leadTimesMayBeNone() {
    context
        .withPropertyValues("convene.notifier.quorum-alerts.lead-times=")
        .run(
            started ->
                assertThat(started.getBean(QuorumAlertProperties.class).leadMinutes()).isEmpty());
  }

  @Test
  void badValuesStopStartUpNamingTheProperty() {
    assertStartUpFailsNaming(
        "convene.notifier.quorum-alerts.lead-times=90s",
        "convene.notifier.quorum-alerts.lead-times must be whole minutes");
    assertStartUpFailsNaming("convene.notifier.quorum-alerts.lead-times=48h,0m", "leadTimes[1]");
    assertStartUpFailsNaming("convene.notifier.quorum-alerts.lead-times=400d", "leadTimes[0]");
    assertStartUpFailsNaming("convene.notifier.quorum-alerts.grace=2d", "grace");
  }

  /** A planned check a little late runs at once; one later than the grace is skipped. */
  @Test
  void aCheckPlannedLateRunsAtOnceWithinTheGraceAndIsSkippedBeyondIt() {
    java.time.Instant now = java.time.Instant.parse("2026-12-01T08:00:00Z");
    Duration grace = QuorumAlertProperties.none().grace();
    assertThat(ReminderTimes.fireAt(now.minus(Duration.ofMinutes(59)), now, grace)).contains(now);
    assertThat(ReminderTimes.fireAt(now.minus(Duration.ofMinutes(61)), now, grace)).isEmpty();
    assertThat(ReminderTimes.missed(now, now.plus(Duration.ofMinutes(61)), grace)).isTrue();
  }

  private void assertStartUpFailsNaming(String property, String named) {
    context
        .withPropertyValues(property)
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(named);
            });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(QuorumAlertProperties.class)
  static class PropertiesOnly {}
}
