package org.convene.scheduler.answer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The answer pages are for people without an account: the signed token in the link is their only
 * credential, so the pages are open, and a form posted without the page's CSRF token is refused.
 * They have their own filter chain, ahead of the API's, which knows no cookies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnswerLinkProperties.class)
class AnswerLinkConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  SecurityFilterChain answerPages(HttpSecurity http) throws Exception {
    http.securityMatcher("/answer/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // The token is in the path: never hand it to another site in a Referer.
        .headers(
            headers ->
                headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .requestCache(cache -> cache.disable());
    return http.build();
  }
}
