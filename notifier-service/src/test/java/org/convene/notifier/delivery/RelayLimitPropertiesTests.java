package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RelayLimitPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void withoutSettingsTheRelayIsUnlimited() {
    context.run(
        started -> {
          RelayLimitProperties limits = started.getBean(RelayLimitProperties.class);
          assertThat(limits.limited()).isFalse();
          assertThat(limits.dayZone()).isEqualTo(ZoneId.of("UTC"));
          assertThat(limits.slowDownFactor()).isEqualTo(0.5);
          assertThat(limits.recovery()).isEqualTo(Duration.ofSeconds(30));
          assertThat(limits.horizon()).isEqualTo(Duration.ofSeconds(1));
        });
  }

  @Test
  void anExchangeOnlineMailboxIsHalfAMessageASecondAndTenThousandADay() {
    context
        .withPropertyValues(
            "convene.notifier.delivery.relay-limit.messages-per-second=0.5",
            "convene.notifier.delivery.relay-limit.messages-per-day=10000",
            "convene.notifier.delivery.relay-limit.minimum-messages-per-second=0.1",
            "convene.notifier.delivery.relay-limit.day-zone=Europe/Berlin")
        .run(
            started -> {
              RelayLimitProperties limits = started.getBean(RelayLimitProperties.class);
              assertThat(limits.rateLimited()).isTrue();
              assertThat(limits.messagesPerSecond()).isEqualTo(0.5);
              assertThat(limits.messagesPerDay()).isEqualTo(10_000);
              assertThat(limits.dayZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            });
  }

  @Test
  void badValuesStopStartUpNamingTheSetting() {
    assertStartUpFailsNaming(
        "convene.notifier.delivery.relay-limit.messages-per-second=-1", "messagesPerSecond");
    assertStartUpFailsNaming(
        "convene.notifier.delivery.relay-limit.messages-per-day=-5", "messagesPerDay");
    assertStartUpFailsNaming(
        "convene.notifier.delivery.relay-limit.slow-down-factor=1.5", "slowDownFactor");
    assertStartUpFailsNaming("convene.notifier.delivery.relay-limit.horizon=1ms", "horizon");
    assertStartUpFailsNaming("convene.notifier.delivery.relay-limit.recovery=0s", "recovery");
    context
        .withPropertyValues(
            "convene.notifier.delivery.relay-limit.messages-per-second=2",
            "convene.notifier.delivery.relay-limit.minimum-messages-per-second=5")
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining(
                      "convene.notifier.delivery.relay-limit.minimum-messages-per-second (5.0) must not exceed convene.notifier.delivery.relay-limit.messages-per-second (2.0)");
            });
    context
        .withPropertyValues("convene.notifier.delivery.relay-limit.day-zone=Mars/Olympus")
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure())
                  .hasStackTraceContaining(
                      "Failed to bind properties under 'convene.notifier.delivery.relay-limit.day-zone'");
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
  @EnableConfigurationProperties(RelayLimitProperties.class)
  static class PropertiesOnly {}
}
