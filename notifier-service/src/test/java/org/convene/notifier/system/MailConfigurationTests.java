package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import java.net.Socket;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailConfigurationTests {

  @Test
  void theSessionKeepsBootsMailSettingsAndOpensSocketsWithTcpNoDelay() throws Exception {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    Properties settings = new Properties();
    settings.setProperty("mail.smtp.timeout", "10000");
    sender.setJavaMailProperties(settings);

    Session session = new MailConfiguration().mailSession(sender);

    assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("10000");
    // Jakarta Mail's SocketFetcher takes a SocketFactory instance from
    // "mail.<protocol>.socketFactory".
    Object factory = session.getProperties().get("mail.smtp.socketFactory");
    assertThat(factory).isInstanceOf(NoDelaySocketFactory.class);
    try (Socket socket = ((NoDelaySocketFactory) factory).createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void aSocketFactoryConfiguredExplicitlyIsKept() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    Properties settings = new Properties();
    Object own = javax.net.SocketFactory.getDefault();
    settings.put("mail.smtp.socketFactory", own);
    sender.setJavaMailProperties(settings);

    assertThat(
            new MailConfiguration()
                .mailSession(sender)
                .getProperties()
                .get("mail.smtp.socketFactory"))
        .isSameAs(own);
  }
}
