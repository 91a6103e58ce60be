package org.convene.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Signing out of the pages in {@code jwt} mode, through the sign-out chain {@link OidcSignIn} sets
 * up, with a provider whose metadata is served here: with an end-session endpoint the browser is
 * sent there (RP-initiated logout); without one, as many providers have, the session here still
 * ends and the browser lands on the sign-in page that says it is signed out, rather than on an
 * error or on a page that still shows the person signed in.
 */
class OidcSignOutTests {

  private static final String SIGNED_OUT = "/login?signedOut";

  private HttpServer provider;
  private GenericWebApplicationContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    if (provider != null) {
      provider.stop(0);
    }
  }

  @Test
  void withoutAnEndSessionEndpointSigningOutEndsTheSessionHereAndSaysSo() throws Exception {
    MockMvc pages = pagesSigningInAt(providerWithMetadata(false));
    MockHttpSession session = signedIn();

    MockHttpServletResponse answer =
        pages.perform(post("/logout").session(session)).andReturn().getResponse();

    assertThat(answer.getStatus()).isEqualTo(302);
    assertThat(answer.getRedirectedUrl()).isEqualTo(SIGNED_OUT);
    assertThat(session.isInvalid()).as("the session here has ended").isTrue();
  }

  @Test
  void withAnEndSessionEndpointSigningOutEndsTheSessionHereAndSendsTheBrowserToTheProvider()
      throws Exception {
    URI issuer = providerWithMetadata(true);
    MockMvc pages = pagesSigningInAt(issuer);
    MockHttpSession session = signedIn();

    MockHttpServletResponse answer =
        pages.perform(post("/logout").session(session)).andReturn().getResponse();

    assertThat(answer.getStatus()).isEqualTo(302);
    assertThat(answer.getRedirectedUrl())
        .startsWith(issuer + "/connect/logout?")
        .contains("id_token_hint=the-id-token")
        .contains("post_logout_redirect_uri=http://localhost/login?signedOut");
    assertThat(session.isInvalid()).as("the session here has ended").isTrue();
  }

  /** The sign-out part of the pages' chain, as {@link OidcSignIn#configure} builds it. */
  @Configuration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class SignOutChain {

    @Bean
    SecurityFilterChain pages(HttpSecurity http, OidcSignIn oidc) throws Exception {
      // The pages' forms carry their CSRF token, checked by the browser tests; here it would only
      // stand between the request and the sign-out under test.
      http.csrf(csrf -> csrf.disable());
      oidc.configure(http, "/login", SIGNED_OUT);
      return http.build();
    }
  }

  private MockMvc pagesSigningInAt(URI issuer) {
    context = new GenericWebApplicationContext(new MockServletContext());
    new AnnotatedBeanDefinitionReader(context).register(SignOutChain.class);
    context.registerBean(
        OidcSignIn.class,
        () ->
            new OidcSignIn(
                new SecurityProperties.SignIn(
                    issuer, "convene-pages", "pages-secret", "roles", "email")));
    context.refresh();
    return MockMvcBuilders.webAppContextSetup(context)
        .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
        .build();
  }

  /** A session as the sign-in at the provider leaves it. */
  private static MockHttpSession signedIn() {
    Instant now = Instant.now();
    OidcIdToken idToken =
        OidcIdToken.withTokenValue("the-id-token")
            .subject("user-42")
            .claim("email", "district@bast.example.org")
            .claim("roles", List.of("ORGANISER"))
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300))
            .build();
    Set<GrantedAuthority> roles = Set.of(new SimpleGrantedAuthority("ROLE_ORGANISER"));
    OAuth2AuthenticationToken signedIn =
        new OAuth2AuthenticationToken(
            new DefaultOidcUser(roles, idToken, "email"), roles, OidcSignIn.REGISTRATION);
    MockHttpSession session = new MockHttpSession();
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(signedIn));
    return session;
  }

  /** Serves the provider's discovery document, with or without an end-session endpoint. */
  private URI providerWithMetadata(boolean endSession) throws IOException {
    provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    URI issuer =
        URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/office");
    String metadata =
        """
        {"issuer": "%1$s",
         "authorization_endpoint": "%1$s/authorize",
         "token_endpoint": "%1$s/token",
         "jwks_uri": "%1$s/jwks",
         "userinfo_endpoint": "%1$s/userinfo",
         %2$s
         "response_types_supported": ["code"],
         "subject_types_supported": ["public"],
         "id_token_signing_alg_values_supported": ["RS256"],
         "scopes_supported": ["openid", "profile", "email"]}
        """
            .formatted(
                issuer,
                endSession ? "\"end_session_endpoint\": \"" + issuer + "/connect/logout\"," : "");
    provider.createContext(
        issuer.getPath() + "/.well-known/openid-configuration",
        exchange -> {
          byte[] body = metadata.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    provider.start();
    return issuer;
  }
}
