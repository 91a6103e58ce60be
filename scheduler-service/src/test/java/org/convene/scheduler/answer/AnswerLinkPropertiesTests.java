package org.convene.scheduler.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The service refuses to start on a bad answer-link setting, naming it. */
class AnswerLinkPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AnswerLinkProperties.class)
  static class Settings {}

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner().withUserConfiguration(Settings.class);

  @Test
  void withoutKeysLinksAreSwitchedOff() {
    contexts.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AnswerLinkProperties.class).enabled()).isFalse();
        });
  }

  @Test
  void aCurrentKeyThatIsNotConfiguredStopsTheStart() {
    contexts
        .withPropertyValues(
            "convene.answers.keys[0].id=k1",
            "convene.answers.keys[0].secret=a secret that is at least 32 bytes long",
            "convene.answers.current-key=k2")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("convene.answers.current-key");
            });
  }

  @Test
  void aShortSecretStopsTheStartWithoutShowingIt() {
    contexts
        .withPropertyValues(
            "convene.answers.keys[0].id=k1",
            "convene.answers.keys[0].secret=short-secret",
            "convene.answers.current-key=k1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("convene.answers.keys[0].secret")
                  .message()
                  .doesNotContain("short-secret");
            });
  }

  @Test
  void aBaseUrlThatIsNotHttpStopsTheStart() {
    contexts
        .withPropertyValues("convene.answers.base-url=convene.example.org")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("convene.answers.base-url");
            });
  }
}
