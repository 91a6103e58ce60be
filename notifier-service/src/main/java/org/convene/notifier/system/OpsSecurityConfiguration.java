package org.convene.notifier.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The notifier's only HTTP endpoints are the actuator's: health is public (load balancers and the
 * local stack poll it); everything else (metrics, deliveries with its retry, reminders) needs the
 * OPS role. The ops user comes from {@code spring.security.user.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpsSecurityConfiguration {

  @Bean
  SecurityFilterChain opsOnly(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    // Error responses (400, 404 of an endpoint) are rendered by a dispatch to
                    // /error.
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole("OPS")
                    .anyRequest()
                    .denyAll())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Stateless, credentials on every request, no cookies: no CSRF token needed for the retry
        // POST.
        .csrf(csrf -> csrf.disable())
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }
}
