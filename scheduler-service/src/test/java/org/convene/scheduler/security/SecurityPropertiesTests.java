package org.convene.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class SecurityPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SecurityProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(PropertiesOnly.class);

  @Test
  void basicModeWithoutUsersStopsStartUpSayingWhatIsMissing() {
    contexts.run(
        context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .hasStackTraceContaining(
                  "convene.security.users must list at least one user when convene.security.mode is basic");
        });
  }

  @Test
  void userWithoutRolesStopsStartUpNamingTheProperty() {
    contexts
        .withPropertyValues(
            "convene.security.users[0].username=office@bast.example.org",
            "convene.security.users[0].name=Office",
            "convene.security.users[0].password=secret")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure()).hasStackTraceContaining("users[0].roles");
            });
  }

  @Test
  void jwtModeNeedsNoBuiltInUsersButTheSignInProvider() {
    contexts
        .withPropertyValues(
            "convene.security.mode=jwt",
            "convene.security.sign-in.issuer-uri=https://login.example.org/realms/convene",
            "convene.security.sign-in.client-id=convene-pages",
            "convene.security.sign-in.client-secret=secret")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              SecurityProperties.SignIn signIn = context.getBean(SecurityProperties.class).signIn();
              assertThat(signIn.roleClaim()).isEqualTo("roles");
              assertThat(signIn.emailClaim()).isEqualTo("email");
            });
  }

  @Test
  void jwtModeWithoutTheSignInProviderStopsStartUpNamingEachMissingSetting() {
    contexts
        .withPropertyValues(
            "convene.security.mode=jwt", "convene.security.sign-in.client-id=convene-pages")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining(
                      "convene.security.sign-in.issuer-uri must be set when convene.security.mode is jwt")
                  .hasStackTraceContaining(
                      "convene.security.sign-in.client-secret must be set when convene.security.mode is jwt");
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageNotContaining("client-id must be set");
            });
  }

  @Test
  void basicModeNeedsNoSignInProvider() {
    contexts
        .withPropertyValues(
            "convene.security.users[0].username=office@bast.example.org",
            "convene.security.users[0].name=Office",
            "convene.security.users[0].password=secret",
            "convene.security.users[0].roles=ORGANISER")
        .run(context -> assertThat(context).hasNotFailed());
  }
}
