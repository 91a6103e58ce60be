package org.convene.notifier.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the notifier's HTTP side. Everything but health and sign-in needs the OPS role; the
 * ops user comes from {@code spring.security.user.*}.
 *
 * <ul>
 *   <li>The actuator: health is public (load balancers and the local stack poll it); the rest needs
 *       the OPS role, with credentials on every request (HTTP Basic, no session, no cookie). Its
 *       one write, the deliveries retry, takes a JSON body only, which a page of another site
 *       cannot send without the browser asking this one first (CORS), so it needs no CSRF token.
 *   <li>The ops console ({@code /ops/**}, pages and their JSON API): a session, signed in by form
 *       (or HTTP Basic for scripts), and every write needs a CSRF token, pages' forms and API calls
 *       alike (scripts take it from {@code /ops/api/csrf}).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpsSecurityConfiguration {

  static final String OPS = "OPS";

  /**
   * The console's pages run only their own script and style files, never inline ones: a value an
   * operator looks at (a dead letter's key or payload) cannot become script even if escaping ever
   * failed. The same policy as the organisers' pages.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(1)
  SecurityFilterChain actuator(HttpSecurity http) throws Exception {
    http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPS))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/css/**", "/js/**", "/login", "/error")
                    .permitAll()
                    .requestMatchers("/ops", "/ops/**")
                    .hasRole(OPS)
                    .anyRequest()
                    .denyAll())
        .headers(
            headers ->
                headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/ops", false).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }
}
