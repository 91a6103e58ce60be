package org.convene.notifier.reply;

import java.util.Properties;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * How the reader proves who it is to the IMAP server: the mailbox's password, or an OAuth 2.0
 * access token presented by SASL XOAUTH2, which Exchange Online and Google Workspace require (they
 * refuse passwords for IMAP).
 */
sealed interface MailboxSignIn {

  /** Adds what the mechanism needs to the properties of the session about to connect. */
  void configure(Properties session, String protocol);

  /** What to present as the password: the password, or an access token still valid. */
  String secret();

  /** The server refused the secret: do not present it again. */
  void refused();

  /** Signs in with LOGIN (or whatever plain mechanism the server offers) and the password. */
  record Password(String password) implements MailboxSignIn {

    @Override
    public void configure(Properties session, String protocol) {
      // Jakarta Mail's defaults: LOGIN, PLAIN, DIGEST-MD5, NTLM, as the server offers them.
    }

    @Override
    public String secret() {
      return password;
    }

    @Override
    public void refused() {
      // The password stays what it is; the reader connects again after its delay, and says why.
    }

    @Override
    public String toString() {
      return "Password[(hidden)]";
    }
  }

  /**
   * Signs in with XOAUTH2 and an access token of a client registration with the client credentials
   * grant. Spring Security keeps the token and asks for a new one shortly before it expires; one
   * the server refused (revoked, or its permissions withdrawn) is forgotten, so the next connection
   * asks for a new one rather than presenting it again until it expires.
   *
   * @param registrationId the client registration, {@code spring.security.oauth2.client.*}
   */
  record OAuth2(
      String registrationId,
      OAuth2AuthorizedClientManager clients,
      OAuth2AuthorizedClientService authorized)
      implements MailboxSignIn {

    /** The name the token is kept under: the reader acts for itself, not for a person. */
    static final String PRINCIPAL = "convene-notifier-mailbox-reader";

    @Override
    public void configure(Properties session, String protocol) {
      session.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
    }

    @Override
    public String secret() {
      OAuth2AuthorizedClient client =
          clients.authorize(
              OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                  .principal(PRINCIPAL)
                  .build());
      if (client == null) {
        throw new IllegalStateException(
            "The client registration " + registrationId + " gave no access token");
      }
      return client.getAccessToken().getTokenValue();
    }

    @Override
    public void refused() {
      authorized.removeAuthorizedClient(registrationId, PRINCIPAL);
    }
  }
}
