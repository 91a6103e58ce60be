package org.convene.scheduler.answer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The answer pages are for people without an account: the signed token in the link is their only
 * credential, so the pages are open, and a form posted without the page's CSRF token is refused.
 * They have their own filter chain, ahead of the API's, which knows no cookies.
 *
 * <p>They keep no server session: the CSRF token is a cookie of their own, compared with the form's
 * copy (double submit). Mail scanners open every link of every invitation, and a session per opened
 * page would hold memory for half an hour for each of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnswerLinkProperties.class)
class AnswerLinkConfiguration {

  static final String ANSWER_PATH = "/answer";

  /** The cookie holding an answer page's CSRF token, sent back with the form only. */
  static final String CSRF_COOKIE = "CONVENE-ANSWER-CSRF";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  SecurityFilterChain answerPages(HttpSecurity http) throws Exception {
    CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
    csrfTokens.setCookieName(CSRF_COOKIE);
    csrfTokens.setCookiePath(ANSWER_PATH);
    // The form posts from the page itself; a link from a mail opens the page without it and gets a
    // fresh one.
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
    http.securityMatcher(ANSWER_PATH + "/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
        // The token is in the path: never hand it to another site in a Referer.
        .headers(
            headers ->
                headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .requestCache(cache -> cache.disable());
    return http.build();
  }
}
