package org.convene.notifier.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetentionPropertiesTests {

  @Test
  void theDefaultsKeepThirtyDaysAndRunHourly() {
    RetentionProperties defaults =
        new Binder(new MapConfigurationPropertySource(Map.of("x", "y")))
            .bindOrCreate("convene.notifier.ops.retention", RetentionProperties.class);

    assertThat(defaults.deadLetters()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.audit()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.interval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRetentionUnderADayIsRefusedNamingTheProperty() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RetentionProperties(
                    Duration.ofHours(2), Duration.ofDays(30), Duration.ofHours(1)))
        .withMessage(
            "convene.notifier.ops.retention.dead-letters must be at least PT24H, not PT2H");
  }

  @Test
  void theAuditTrailMustOutliveTheDeadLettersItSpeaksOf() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RetentionProperties(
                    Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1)))
        .withMessageContaining("convene.notifier.ops.retention.audit (PT168H) must be at least");
  }

  @Test
  void anIntervalOfMoreThanADayIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RetentionProperties(
                    Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(2)))
        .withMessageContaining("convene.notifier.ops.retention.interval must be at most 1d");
  }
}
