package org.convene.notifier.reply;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;

/**
 * Opens a connection to the replies mailbox with the configured time-outs, TLS and sign-in; a
 * secret the server refuses is given up ({@link MailboxSignIn#refused()}) before the failure is
 * passed on.
 */
final class MailboxConnector {

  private final ReplyProperties properties;
  private final MailboxSignIn signIn;

  MailboxConnector(ReplyProperties properties, MailboxSignIn signIn) {
    this.properties = properties;
    this.signIn = signIn;
  }

  Store connect() throws MessagingException {
    String protocol = properties.ssl() ? "imaps" : "imap";
    String timeout = Long.toString(properties.timeout().toMillis());
    Properties session = new Properties();
    session.put("mail.store.protocol", protocol);
    session.put("mail." + protocol + ".connectiontimeout", timeout);
    session.put("mail." + protocol + ".timeout", timeout);
    session.put("mail." + protocol + ".writetimeout", timeout);
    if (properties.ssl()) {
      session.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    signIn.configure(session, protocol);
    Store store = Session.getInstance(session).getStore(protocol);
    try {
      store.connect(properties.host(), properties.port(), properties.username(), signIn.secret());
    } catch (AuthenticationFailedException e) {
      signIn.refused();
      throw e;
    }
    return store;
  }
}
