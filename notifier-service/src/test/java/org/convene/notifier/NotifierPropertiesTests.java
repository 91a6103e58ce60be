package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class NotifierPropertiesTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsReadFromTheSchedulersTopicAndSendFromTheConveneMailboxInEnglish() {
    context.run(
        started -> {
          NotifierProperties properties = started.getBean(NotifierProperties.class);
          assertThat(properties.topic()).isEqualTo("convene.meeting-events");
          assertThat(properties.deadLetterTopic()).isEqualTo("convene.meeting-events.DLT");
          assertThat(properties.mailbox()).isEqualTo("meetings@convene.local");
          assertThat(properties.defaultLocale()).isEqualTo(Locale.ENGLISH);
        });
  }

  @Test
  void simplifiedChineseCanBeTheDefaultLanguage() {
    context
        .withPropertyValues("convene.notifier.default-language=zh-CN")
        .run(
            started ->
                assertThat(started.getBean(NotifierProperties.class).defaultLocale())
                    .isEqualTo(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void aMailboxThatIsNoAddressStopsStartUpNamingTheProperty() {
    assertStartUpFailsNaming(
        "convene.notifier.mailbox=meetings at convene", "convene.notifier.mailbox");
  }

  @Test
  void anUnsupportedDefaultLanguageStopsStartUpNamingTheProperty() {
    assertStartUpFailsNaming(
        "convene.notifier.default-language=fr", "convene.notifier.defaultLanguage");
  }

  @Test
  void aTopicKafkaWouldRefuseStopsStartUpNamingTheProperty() {
    assertStartUpFailsNaming("convene.notifier.topic=meeting events!", "convene.notifier.topic");
    assertStartUpFailsNaming("convene.notifier.topic=", "convene.notifier.topic");
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
  @EnableConfigurationProperties(NotifierProperties.class)
  static class PropertiesOnly {}
}
