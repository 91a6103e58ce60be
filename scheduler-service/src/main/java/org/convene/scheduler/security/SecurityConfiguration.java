package org.convene.scheduler.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint but health and the API documentation needs an authenticated caller. The ownership
 * rules (an organiser changes only their own meetings) live in {@link MeetingAccess}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String ORGANISER = SecurityProperties.Role.ORGANISER.name();
  static final String OPS = SecurityProperties.Role.OPS.name();

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, JsonMapper json)
      throws Exception {
    AuthenticationEntryPoint unauthenticated =
        (request, response, ex) -> {
          if (properties.mode() == SecurityProperties.Mode.BASIC) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"convene\"");
          } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
          }
          ProblemResponses.write(
              json,
              response,
              HttpStatus.UNAUTHORIZED,
              ProblemResponses.UNAUTHENTICATED,
              "Sign in to use the Convene API.");
        };
    AccessDeniedHandler forbidden =
        (request, response, ex) ->
            ProblemResponses.write(
                json,
                response,
                HttpStatus.FORBIDDEN,
                ProblemResponses.FORBIDDEN,
                "Your role does not allow this request.");

    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(OPS)
                    .requestMatchers("/api/**")
                    .hasAnyRole(ORGANISER, OPS)
                    .anyRequest()
                    .denyAll())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // A stateless API authenticated on every request: no cookies, so no CSRF token.
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
    if (properties.mode() == SecurityProperties.Mode.BASIC) {
      http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
    } else {
      http.oauth2ResourceServer(
          oauth -> oauth.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthenticated));
    }
    return http.build();
  }

  /** The pages' sign-in through the OpenID Connect provider, with tokens for the API. */
  @Bean
  @ConditionalOnProperty(name = "convene.security.mode", havingValue = "jwt")
  OidcSignIn oidcSignIn(SecurityProperties properties) {
    return new OidcSignIn(properties.signIn());
  }

  @Bean
  @ConditionalOnProperty(
      name = "convene.security.mode",
      havingValue = "basic",
      matchIfMissing = true)
  UserDetailsService builtInUsers(SecurityProperties properties) {
    InMemoryUserDetailsManager users =
        new InMemoryUserDetailsManager(
            properties.users().stream()
                .map(
                    user ->
                        User.withUsername(user.username().toLowerCase(java.util.Locale.ROOT))
                            // Configured passwords are already plain text in the configuration;
                            // hashing them
                            // here would add cost to every request and no secrecy. Encoded ones are
                            // kept.
                            .password(
                                user.password().startsWith("{")
                                    ? user.password()
                                    : "{noop}" + user.password())
                            .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                            .build())
                .toList());
    // Only the lookup is exposed: an InMemoryUserDetailsManager is also a
    // UserDetailsPasswordService, and Spring Security would then "upgrade" each {noop}
    // password to bcrypt at first sign-in, making every later request pay ~70 ms of CPU
    // (measured: 25 instead of 200 meetings/s).
    return users::loadUserByUsername;
  }
}
