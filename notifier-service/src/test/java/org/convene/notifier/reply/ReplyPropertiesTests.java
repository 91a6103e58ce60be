package org.convene.notifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ReplyPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(PropertiesOnly.class);

  @Test
  void offByDefaultReadingTheInboxOfTheLocalMailServer() {
    context.run(
        started -> {
          ReplyProperties properties = started.getBean(ReplyProperties.class);
          assertThat(properties.enabled()).isFalse();
          assertThat(properties.folder()).isEqualTo("INBOX");
          assertThat(properties.handledFolder()).isEqualTo("Handled");
          assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.maxMessageBytes()).isEqualTo(1024 * 1024);
          assertThat(properties.topic()).isEqualTo("convene.replies");
        });
  }

  @Test
  void switchedOnWithoutALoginStopsStartUpNamingTheProperty() {
    assertStartUpFailsNaming(
        "convene.notifier.replies.enabled=true", "convene.notifier.replies.username");
  }

  @Test
  void badValuesStopStartUp() {
    assertStartUpFailsNaming(
        "convene.notifier.replies.poll-interval=0s", "convene.notifier.replies");
    assertStartUpFailsNaming("convene.notifier.replies.port=70000", "port");
    assertStartUpFailsNaming("convene.notifier.replies.max-message-bytes=10", "maxMessageBytes");
    // Moving handled messages into the folder they are read from would read them for ever.
    assertStartUpFailsNaming(
        "convene.notifier.replies.handled-folder=inbox", "convene.notifier.replies.handled-folder");
  }

  @Test
  void thePasswordIsNeverPrinted() {
    context
        .withPropertyValues("convene.notifier.replies.password=hunter2-hunter2")
        .run(
            started ->
                assertThat(started.getBean(ReplyProperties.class).toString())
                    .doesNotContain("hunter2"));
  }

  private void assertStartUpFailsNaming(String setting, String property) {
    context
        .withPropertyValues(setting)
        .run(
            started -> {
              assertThat(started).hasFailed();
              assertThat(started.getStartupFailure()).hasStackTraceContaining(property);
            });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ReplyProperties.class)
  static class PropertiesOnly {}
}
