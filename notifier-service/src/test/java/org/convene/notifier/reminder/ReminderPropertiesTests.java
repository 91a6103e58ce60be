package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ReminderPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsRemindADayAndAnHourBeforeWithTenMinutesGraceAndNoInformationCopies() {
    context.run(
        started -> {
          ReminderProperties properties = started.getBean(ReminderProperties.class);
          assertThat(properties.defaultOffsets())
              .containsExactly(Duration.ofDays(1), Duration.ofHours(1));
          assertThat(properties.defaultMinutesBefore()).containsExactly(1440, 60);
          assertThat(properties.grace()).isEqualTo(Duration.ofMinutes(10));
          assertThat(properties.includeInformationCopies()).isFalse();
          assertThat(properties.planRetention()).isEqualTo(Duration.ofDays(7));
        });
  }

  @Test
  void remindersPropertiesStatesTheRecordsDefaults() {
    ReminderProperties[] recordDefaults = new ReminderProperties[1];
    context.run(started -> recordDefaults[0] = started.getBean(ReminderProperties.class));

    context
        .withUserConfiguration(ReminderConfiguration.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            started -> {
              assertThat(
                      started
                          .getEnvironment()
                          .getProperty("convene.notifier.reminders.default-offsets"))
                  .isEqualTo("1d,1h");
              assertThat(started.getBean(ReminderProperties.class)).isEqualTo(recordDefaults[0]);
            });
  }

  @Test
  void offsetsAndGraceTakeDurationsInAnyUnit() {
    context
        .withPropertyValues(
            "convene.notifier.reminders.default-offsets=2d,90m,0m",
            "convene.notifier.reminders.grace=30s")
        .run(
            started -> {
              ReminderProperties properties = started.getBean(ReminderProperties.class);
              assertThat(properties.defaultMinutesBefore()).containsExactly(2880, 90, 0);
              assertThat(properties.grace()).isEqualTo(Duration.ofSeconds(30));
            });
  }

  @Test
  void badValuesStopStartUpNamingTheProperty() {
    assertStartUpFailsNaming(
        "convene.notifier.reminders.default-offsets=90s",
        "convene.notifier.reminders.default-offsets must be whole minutes");
    assertStartUpFailsNaming(
        "convene.notifier.reminders.default-offsets=1h,-1h", "defaultOffsets[1]");
    assertStartUpFailsNaming(
        "convene.notifier.reminders.default-offsets=400d", "defaultOffsets[0]");
    assertStartUpFailsNaming("convene.notifier.reminders.grace=-1s", "grace");
    assertStartUpFailsNaming("convene.notifier.reminders.grace=2d", "grace");
    assertStartUpFailsNaming("convene.notifier.reminders.plan-retention=0s", "planRetention");
    context
        .withPropertyValues("convene.notifier.reminders.grace=soon")
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .hasStackTraceContaining(
                      "Failed to bind properties under 'convene.notifier.reminders.grace'");
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
  @EnableConfigurationProperties(ReminderProperties.class)
  static class PropertiesOnly {}
}
