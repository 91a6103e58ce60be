package org.convene.scheduler.web;

import org.convene.scheduler.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * is ordered before the API's chain, which keeps every other path ({@code /api/**} first). Built-in
 * users only: with tokens ({@code jwt} mode) there is nobody to sign in with a form.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "convene.security.mode", havingValue = "basic", matchIfMissing = true)
class PageSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
          + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final String ORGANISER = SecurityProperties.Role.ORGANISER.name();
  private static final String OPS = SecurityProperties.Role.OPS.name();

  @Bean
  @Order(1)
  SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(
            "/",
            "/meetings",
            "/meetings/**",
            "/groups",
            "/groups/**",
            DeniedPage.PATH,
            "/login",
            "/logout",
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
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/meetings"))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
        .exceptionHandling(errors -> errors.accessDeniedHandler(deniedPage()))
        .sessionManagement(
            sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .frameOptions(frames -> frames.deny()));
    return http.build();
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
