package org.convene.notifier.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.convene.events.ReplyReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Signing in to the replies mailbox with an OAuth 2.0 access token (XOAUTH2), as Exchange Online
 * requires: a real IMAP server (GreenMail, which takes a user's password as their token), the real
 * Jakarta Mail client and Spring Security's client, and a token endpoint over real HTTP that hands
 * out the tokens a test lines up.
 */
class MailboxSignInTests {

  private static final String LOGIN = "meetings";
  private static final String REGISTRATION = "exchange";
  private static final String SCOPE = "https://outlook.office365.com/.default";

  private GreenMail mailServer;
  private HttpServer tokenEndpoint;
  private final Deque<String> tokensToHandOut = new ArrayDeque<>();
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServers() throws IOException {
    mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mailServer.start();
    mailServer.setUser("meetings@convene.test", LOGIN, "token-valid");
    tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tokenEndpoint.createContext(
        "/tenant/oauth2/v2.0/token",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String client = exchange.getRequestHeaders().getFirst("Authorization");
          tokenRequests.add(URLDecoder.decode(body, StandardCharsets.UTF_8) + " " + client);
          String token;
          synchronized (tokensToHandOut) {
            token = tokensToHandOut.isEmpty() ? "none-left" : tokensToHandOut.removeFirst();
          }
          byte[] response =
              ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          }
        });
    tokenEndpoint.start();
  }

  @AfterEach
  void stopServers() {
    tokenEndpoint.stop(0);
    mailServer.stop();
  }

  @Test
  void signsInWithATokenOfTheClientRegistrationAndKeepsItWhileItIsValid() throws Exception {
    tokensToHandOut.add("token-valid");
    MailboxConnector connector = connector(signIn(registrations()));

    Store first = connector.connect();
    assertThat(first.getFolder("INBOX").exists()).isTrue();
    first.close();
    Store second = connector.connect();
    assertThat(second.getFolder("INBOX").getMessageCount()).isZero();
    second.close();

    // One token for both connections, asked for by the client credentials grant with the
    // registration's scope, the client authenticated with its secret (HTTP Basic).
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("convene-app:app-secret".getBytes(StandardCharsets.UTF_8));
    assertThat(tokenRequests)
        .singleElement()
        .satisfies(
            request ->
                assertThat(request)
                    .contains("grant_type=client_credentials")
                    .contains("scope=" + SCOPE)
                    .endsWith(basic));
  }

  @Test
  void aTokenTheServerRefusesIsForgottenAndTheNextConnectionAsksForANewOne() throws Exception {
    // Revoked after it was issued: still within its lifetime, but the mailbox refuses it.
    tokensToHandOut.add("token-revoked");
    tokensToHandOut.add("token-valid");
    MailboxConnector connector = connector(signIn(registrations()));

    assertThatThrownBy(connector::connect).isInstanceOf(AuthenticationFailedException.class);
    Store store = connector.connect();
    Folder inbox = store.getFolder("INBOX");
    assertThat(inbox.exists()).isTrue();
    store.close();

    assertThat(tokenRequests).hasSize(2);
  }

  @Test
  void withoutARegistrationThePasswordSignsIn() throws Exception {
    ReplyProperties properties = properties(null, "token-valid");
    MailboxSignIn signIn =
        new MailboxSignInConfiguration().mailboxSignIn(properties, provider(null));

    Store store = new MailboxConnector(properties, signIn).connect();
    assertThat(store.getFolder("INBOX").exists()).isTrue();
    store.close();
    assertThat(tokenRequests).isEmpty();
  }

  @Test
  void aRegistrationThatIsMissingOrNotForClientCredentialsStopsStartUpNamingTheSetting() {
    MailboxSignInConfiguration configuration = new MailboxSignInConfiguration();

    assertThatThrownBy(
            () -> configuration.mailboxSignIn(properties("exchnage", null), provider(null)))
        .hasMessageContaining("convene.notifier.replies.oauth2-registration=exchnage")
        .hasMessageContaining("spring.security.oauth2.client.registration.exchnage");
    ClientRegistration login =
        ClientRegistration.withRegistrationId(REGISTRATION)
            .clientId("convene-app")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("https://convene.example.org/login/oauth2/code/exchange")
            .authorizationUri("https://login.example.org/authorize")
            .tokenUri("https://login.example.org/token")
            .build();
    assertThatThrownBy(
            () ->
                configuration.mailboxSignIn(
                    properties(REGISTRATION, null),
                    provider(new InMemoryClientRegistrationRepository(login))))
        .hasMessageContaining("authorization-grant-type=client_credentials");
  }

  private MailboxSignIn signIn(ClientRegistrationRepository registrations) {
    return new MailboxSignInConfiguration()
        .mailboxSignIn(properties(REGISTRATION, null), provider(registrations));
  }

  private MailboxConnector connector(MailboxSignIn signIn) {
    return new MailboxConnector(properties(REGISTRATION, null), signIn);
  }

  private ClientRegistrationRepository registrations() {
    return new InMemoryClientRegistrationRepository(
        ClientRegistration.withRegistrationId(REGISTRATION)
            .clientId("convene-app")
            .clientSecret("app-secret")
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope(SCOPE)
            .tokenUri(
                "http://127.0.0.1:"
                    + tokenEndpoint.getAddress().getPort()
                    + "/tenant/oauth2/v2.0/token")
            .build());
  }

  private static ObjectProvider<ClientRegistrationRepository> provider(
      ClientRegistrationRepository repository) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (repository != null) {
      beans.addBean("clientRegistrationRepository", repository);
    }
    return beans.getBeanProvider(ClientRegistrationRepository.class);
  }

  private ReplyProperties properties(String registration, String password) {
    return new ReplyProperties(
        true,
        "127.0.0.1",
        mailServer.getImap().getPort(),
        LOGIN,
        password,
        registration,
        "INBOX",
        "Handled",
        false,
        Duration.ofSeconds(5),
        Duration.ofSeconds(25),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1024 * 1024,
        ReplyReceived.DEFAULT_TOPIC);
  }
}
