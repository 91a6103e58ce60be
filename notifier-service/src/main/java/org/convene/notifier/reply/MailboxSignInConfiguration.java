package org.convene.notifier.reply;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The reader's sign-in, picked by {@code convene.notifier.replies.oauth2-registration}: a token of
 * that client registration when it is set, else the password. A registration that is missing or not
 * of the client credentials grant stops start-up naming the setting, rather than failing at every
 * connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "convene.notifier.replies.enabled", havingValue = "true")
class MailboxSignInConfiguration {

  static final String SETTING = "convene.notifier.replies.oauth2-registration";

  @Bean
  MailboxSignIn mailboxSignIn(
      ReplyProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
    String id = properties.oauth2Registration();
    if (id == null || id.isBlank()) {
      return new MailboxSignIn.Password(properties.password());
    }
    ClientRegistrationRepository repository = registrations.getIfAvailable();
    ClientRegistration registration =
        repository == null ? null : repository.findByRegistrationId(id);
    if (registration == null) {
      throw new IllegalStateException(
          SETTING
              + "="
              + id
              + " names no client registration: set spring.security.oauth2.client.registration."
              + id
              + ".client-id and the rest");
    }
    if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
        registration.getAuthorizationGrantType())) {
      throw new IllegalStateException(
          SETTING
              + "="
              + id
              + " needs spring.security.oauth2.client.registration."
              + id
              + ".authorization-grant-type=client_credentials: the reader signs in for itself,"
              + " with nobody to log in");
    }
    // Tokens kept apart from any a web client of the service might hold.
    OAuth2AuthorizedClientService authorized =
        new InMemoryOAuth2AuthorizedClientService(repository);
    return new MailboxSignIn.OAuth2(
        id,
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, authorized),
        authorized);
  }
}
