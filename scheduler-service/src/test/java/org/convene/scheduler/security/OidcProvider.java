package org.convene.scheduler.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider in the test JVM: Spring Authorization Server with its own login
 * form, user info and RP-initiated logout endpoints, on a port of its own and addressed as {@code
 * localhost} (the scheduler is addressed as {@code 127.0.0.1}, so that the browser keeps the two
 * session cookies apart). It knows one client, registered once the scheduler's port is known, and
 * the people of {@link #PEOPLE}; their ID tokens carry {@code email}, {@code name} and {@code
 * roles}.
 */
final class OidcProvider implements AutoCloseable {

  static final String CLIENT_ID = "convene-pages";
  static final String CLIENT_SECRET = "pages-secret-for-tests";

  /** Who can sign in: e-mail address, name, password and roles. */
  record Person(String email, String name, String password, List<String> roles) {}

  static final List<Person> PEOPLE =
      List.of(
          new Person(
              "district@bast.example.org",
              "District Association Office",
              "district-secret",
              List.of("ORGANISER")),
          new Person("guest@bast.example.org", "A Guest", "guest-secret", List.of("GUEST")));

  private final ConfigurableApplicationContext context;

  private OidcProvider(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static OidcProvider start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Provider.class)
            .web(WebApplicationType.SERVLET)
            // Command-line arguments outrank the scheduler's application.properties, which are on
            // the same class path; its own configuration name keeps them out altogether.
            .run(
                "--spring.config.name=oidc-provider",
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false");
    return new OidcProvider(context);
  }

  URI issuer() {
    return URI.create(
        "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /**
   * Registers the scheduler as a confidential client that must use PKCE, redirected back to {@code
   * baseUrl} only.
   */
  void registerClient(String baseUrl) {
    context
        .getBean(RegisteredClientRepository.class)
        .save(
            RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(baseUrl + "/login/oauth2/code/" + OidcSignIn.REGISTRATION)
                .postLogoutRedirectUri(baseUrl + "/login?signedOut")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(
                    ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build());
  }

  @Override
  public void close() {
    context.close();
  }

  /** The provider's application: a servlet container and Spring Security, nothing else. */
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  static class Provider {

    private static final KeyPair KEYS = rsaKeys();

    @Bean
    @Order(1)
    SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
      http.oauth2AuthorizationServer(
              server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
              })
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .exceptionHandling(
              errors ->
                  errors.defaultAuthenticationEntryPointFor(
                      new LoginUrlAuthenticationEntryPoint("/login"),
                      new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
          // The user info endpoint takes the access token it issued.
          .oauth2ResourceServer(resources -> resources.jwt(Customizer.withDefaults()));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(
          PEOPLE.stream()
              .map(
                  person ->
                      User.withUsername(person.email())
                          .password("{noop}" + person.password())
                          .roles("PERSON")
                          .build())
              .toList());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> personClaims() {
      Map<String, Person> byEmail = new ConcurrentHashMap<>();
      PEOPLE.forEach(person -> byEmail.put(person.email(), person));
      return context -> {
        if ("id_token".equals(context.getTokenType().getValue())) {
          Person person = byEmail.get(context.getPrincipal().getName());
          context
              .getClaims()
              .claim("email", person.email())
              .claim("name", person.name())
              .claim("roles", person.roles());
        }
      };
    }

    @Bean
    RegisteredClientRepository clients() {
      return new Clients();
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) KEYS.getPublic())
              .privateKey((RSAPrivateKey) KEYS.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder accessTokens() {
      return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }

    private static KeyPair rsaKeys() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Clients registered while the provider runs (the scheduler's port is known only then). */
  private static final class Clients implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

    @Override
    public void save(RegisteredClient client) {
      byId.values().removeIf(known -> known.getClientId().equals(client.getClientId()));
      byId.put(client.getId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
      return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
      return byId.values().stream()
          .filter(client -> client.getClientId().equals(clientId))
          .findFirst()
          .orElse(null);
    }
  }
}
