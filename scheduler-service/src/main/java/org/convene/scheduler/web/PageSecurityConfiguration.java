package org.convene.scheduler.web;

import org.convene.scheduler.security.OidcSignIn;
import org.convene.scheduler.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The pages sign people in with a form and keep them in a session, unlike the stateless API: so
 * this chain has CSRF protection, a new session id at sign-in (against session fixation) and a
 * Content-Security-Policy that allows only the pages' own scripts and styles, never inline ones. It
 * is ordered before the API's chain, which keeps every other path ({@code /api/**} first). With
 * built-in users ({@code basic} mode) people sign in with the pages' form; with tokens ({@code jwt}
 * mode) at the organisation's OpenID Connect provider ({@link OidcSignIn}).
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy("'self'");

  static final String SIGNED_OUT_PATH = "/login?signedOut";

  private static final String ORGANISER = SecurityProperties.Role.ORGANISER.name();
  private static final String OPS = SecurityProperties.Role.OPS.name();

  @Bean
  @Order(1)
  SecurityFilterChain pageSecurity(HttpSecurity http, ObjectProvider<OidcSignIn> oidcSignIn)
      throws Exception {
    OidcSignIn oidc = oidcSignIn.getIfAvailable();
    http.securityMatcher(
            "/",
            "/meetings",
            "/meetings/**",
            "/groups",
            "/groups/**",
            DeniedPage.PATH,
            "/login",
            "/logout",
            "/oauth2/authorization/**",
            "/login/oauth2/code/**",
            "/css/**",
            "/js/**",
            "/favicon.ico")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/login", DeniedPage.PATH)
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole(ORGANISER, OPS))
        .exceptionHandling(errors -> errors.accessDeniedHandler(deniedPage()))
        .sessionManagement(
            sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                oidc == null
                                    ? CONTENT_SECURITY_POLICY
                                    // Signing out answers with a redirect to the provider, which
                                    // the browser checks against form-action.
                                    : contentSecurityPolicy("'self' " + oidc.providerOrigin())))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .frameOptions(frames -> frames.deny()));
    if (oidc == null) {
      http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/meetings"))
          .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(SIGNED_OUT_PATH));
    } else {
      oidc.configure(http, "/login", SIGNED_OUT_PATH);
    }
    return http.build();
  }

  private static String contentSecurityPolicy(String formAction) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " object-src 'none'; base-uri 'self'; form-action "
        + formAction
        + "; frame-ancestors 'none'";
  }

  /**
   * Refusals by the filters (a form without its CSRF token, mostly) as a page of the pages' own,
   * not the container's plain error: the request is forwarded, with status 403 and the refusal as a
   * request attribute, to {@link DeniedPage}.
   */
  private static AccessDeniedHandler deniedPage() {
    AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
    handler.setErrorPage(DeniedPage.PATH);
    return handler;
  }
}
