package org.convene.scheduler.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
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
 * @param signIn how the organisers' pages sign people in with {@code jwt}: through the same OpenID
 *     Connect provider that issues the API's tokens
 */
@Validated
@ConfigurationProperties("convene.security")
public record SecurityProperties(
    @DefaultValue("basic") @NotNull Mode mode,
    List<@Valid @NotNull User> users,
    @DefaultValue @Valid SignIn signIn) {

  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    signIn = signIn == null ? new SignIn(null, null, null, "roles", "email") : signIn;
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

  /**
   * The pages' sign-in through an OpenID Connect provider (authorization code with PKCE), prefix
   * {@code convene.security.sign-in}; used, and then required, in {@code jwt} mode.
   *
   * @param issuerUri the provider's issuer, whose {@code /.well-known/openid-configuration} is read
   *     at start-up (the same issuer as {@code
   *     spring.security.oauth2.resourceserver.jwt.issuer-uri})
   * @param clientId the scheduler's client id at the provider
   * @param clientSecret its secret (from a secret store)
   * @param roleClaim the ID token or user-info claim listing the person's roles ({@code ORGANISER},
   *     {@code OPS}), as the API reads them from its tokens' authorities claim
   * @param emailClaim the claim holding the person's e-mail address, which is their organiser
   *     address, as the API's principal claim
   */
  public record SignIn(
      URI issuerUri,
      String clientId,
      String clientSecret,
      @DefaultValue("roles") @NotBlank String roleClaim,
      @DefaultValue("email") @NotBlank String emailClaim) {}

  @AssertTrue(
      message =
          "convene.security.users must list at least one user when convene.security.mode is basic")
  boolean isUsersGivenForBasic() {
    return mode != Mode.BASIC || !users.isEmpty();
  }

  @AssertTrue(
      message =
          "convene.security.sign-in.issuer-uri must be set when convene.security.mode is jwt"
              + " (the pages sign in through that OpenID Connect provider)")
  boolean isSignInIssuerGivenForJwt() {
    return mode != Mode.JWT || signIn.issuerUri() != null;
  }

  @AssertTrue(
      message = "convene.security.sign-in.client-id must be set when convene.security.mode is jwt")
  boolean isSignInClientIdGivenForJwt() {
    return mode != Mode.JWT || isGiven(signIn.clientId());
  }

  @AssertTrue(
      message =
          "convene.security.sign-in.client-secret must be set when convene.security.mode is jwt")
  boolean isSignInClientSecretGivenForJwt() {
    return mode != Mode.JWT || isGiven(signIn.clientSecret());
  }

  private static boolean isGiven(String value) {
    return value != null && !value.isBlank();
  }
}
