package org.convene.scheduler.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How callers of the API are authenticated, prefix {@code convene.security}.
 *
 * @param mode {@code basic}: HTTP Basic against {@link #users()} (the local stack); {@code jwt}:
 *     OAuth2 bearer tokens, configured with Spring Boot's {@code
 *     spring.security.oauth2.resourceserver.jwt.*} properties (issuer, audiences, principal claim
 *     {@code email}, authorities claim {@code roles})
 * @param users the built-in user store for {@code basic}; the username is the e-mail address
 */
@Validated
@ConfigurationProperties("convene.security")
public record SecurityProperties(
    @DefaultValue("basic") @NotNull Mode mode, List<@Valid @NotNull User> users) {

  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** How callers prove who they are. */
  public enum Mode {
    BASIC,
    JWT
  }

  /** What a caller may do. */
  public enum Role {
    /** Schedules meetings and manages the ones they organise. */
    ORGANISER,
    /** Reads every meeting and the actuator endpoints. */
    OPS
  }

  /**
   * A built-in user.
   *
   * @param username the user's e-mail address, which is also the organiser address of their
   *     meetings
   * @param name display name, used as the organiser's name
   * @param password plain, or encoded with a {@code {bcrypt}}-style prefix
   * @param roles what the user may do
   */
  public record User(
      @NotBlank String username,
      @NotBlank String name,
      @NotBlank String password,
      @NotEmpty Set<Role> roles) {}

  @AssertTrue(
      message =
          "convene.security.users must list at least one user when convene.security.mode is basic")
  boolean isUsersGivenForBasic() {
    return mode != Mode.BASIC || !users.isEmpty();
  }
}
