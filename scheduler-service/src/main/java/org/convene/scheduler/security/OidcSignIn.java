package org.convene.scheduler.security;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * The organisers' pages' sign-in in {@code jwt} mode: the authorization code flow with PKCE at the
 * organisation's OpenID Connect provider, roles read from the configured claim with the {@code
 * ROLE_} prefix the API's tokens get, and sign-out at the provider too (RP-initiated logout) when
 * its metadata offers an end-session endpoint. The provider's metadata is read once, at start-up,
 * so a wrong issuer stops the service there rather than at the first sign-in.
 */
public final class OidcSignIn {

  /** The registration's id, the last segment of the sign-in and callback paths. */
  public static final String REGISTRATION = "convene";

  /** Where the pages send a person to sign in. */
  public static final String START_PATH = "/oauth2/authorization/" + REGISTRATION;

  private final ClientRegistrationRepository registrations;
  private final String roleClaim;
  private final URI providerOrigin;

  OidcSignIn(SecurityProperties.SignIn settings) {
    ClientRegistration registration =
        ClientRegistrations.fromOidcIssuerLocation(settings.issuerUri().toString())
            .registrationId(REGISTRATION)
            .clientId(settings.clientId())
            .clientSecret(settings.clientSecret())
            .scope("openid", "profile", "email")
            .userNameAttributeName(settings.emailClaim())
            // PKCE also for this confidential client: a stolen code is worth nothing.
            .clientSettings(
                ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
            .build();
    this.registrations = new InMemoryClientRegistrationRepository(registration);
    this.roleClaim = settings.roleClaim();
    URI authorization = URI.create(registration.getProviderDetails().getAuthorizationUri());
    this.providerOrigin =
        URI.create(
            authorization.getScheme()
                + "://"
                + authorization.getHost()
                + (authorization.getPort() < 0 ? "" : ":" + authorization.getPort()));
  }

  /**
   * The provider's origin: the sign-out form's answer redirects there, so the pages' {@code
   * form-action} policy must allow it.
   */
  public URI providerOrigin() {
    return providerOrigin;
  }

  /**
   * Signs in at the provider, starting from {@code loginPage}; signs out here and at the provider,
   * which sends the browser back to {@code signedOutPath}.
   */
  public void configure(HttpSecurity http, String loginPage, String signedOutPath)
      throws Exception {
    OidcClientInitiatedLogoutSuccessHandler signedOut =
        new OidcClientInitiatedLogoutSuccessHandler(registrations);
    signedOut.setPostLogoutRedirectUri("{baseUrl}" + signedOutPath);
    // Without an end-session endpoint at the provider, only the session here ends.
    signedOut.setDefaultTargetUrl(signedOutPath);
    http.oauth2Login(
            login ->
                login
                    .clientRegistrationRepository(registrations)
                    .loginPage(loginPage)
                    .defaultSuccessUrl("/meetings")
                    .failureUrl(loginPage + "?error")
                    .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(this::roles)))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut));
  }

  /** The person's roles from the claim, as the API maps its tokens' authorities claim. */
  Set<GrantedAuthority> roles(Collection<? extends GrantedAuthority> given) {
    Set<GrantedAuthority> roles = new LinkedHashSet<>();
    for (GrantedAuthority authority : given) {
      if (authority instanceof OidcUserAuthority oidc) {
        Object claim = oidc.getAttributes().get(roleClaim);
        if (claim instanceof Collection<?> values) {
          values.forEach(value -> roles.add(new SimpleGrantedAuthority("ROLE_" + value)));
        } else if (claim instanceof String value) {
          for (String role : value.split("[\\s,]+")) {
            if (!role.isEmpty()) {
              roles.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
          }
        }
      }
    }
    return roles;
  }
}
