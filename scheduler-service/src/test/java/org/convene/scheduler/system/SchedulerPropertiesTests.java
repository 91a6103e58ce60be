package org.convene.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class SchedulerPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SchedulerProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsAreUsableWithoutAnySetting() {
    contexts.run(
        context -> {
          SchedulerProperties properties = context.getBean(SchedulerProperties.class);
          assertThat(properties.topic()).isEqualTo("convene.meeting-events");
          assertThat(properties.relay().interval()).isEqualTo(Duration.ofMillis(100));
          assertThat(properties.limits().maxDuration()).isEqualTo(Duration.ofHours(24));
        });
  }

  @Test
  void badSettingStopsStartUpNamingTheProperty() {
    contexts
        .withPropertyValues("convene.scheduler.relay.batch-size=0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("relay.batchSize");
            });
  }

  @Test
  void unreadableDurationStopsStartUpNamingTheProperty() {
    contexts
        .withPropertyValues("convene.scheduler.limits.max-duration=forever")
        .run(
            context -> {
              assertThat(context).hasFailed();
              // Boot's failure analyzer turns this BindException into "Failed to bind properties
              // under ..." at start-up.
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining(
                      "Failed to bind properties under 'convene.scheduler.limits.max-duration'");
            });
  }
}
