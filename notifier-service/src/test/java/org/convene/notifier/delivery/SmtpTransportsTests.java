package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.convene.notifier.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP replies as the dispatcher sees them, from a scripted server on a real socket. */
class SmtpTransportsTests {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aBatchGoesOverOneConnection() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(address -> "250 2.1.5 ok");
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      List<SendOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        outcomes.add(connection.send(message("r" + i + "@example.org")));
      }

      assertThat(outcomes).hasSize(20).allMatch(SendOutcome.Accepted.class::isInstance);
      // Operators see what the server said to each message, and the Message-ID it went with.
      assertThat(outcomes.getFirst())
          .isInstanceOfSatisfying(
              SendOutcome.Accepted.class,
              accepted -> {
                assertThat(accepted.reply()).isEqualTo("250 2.0.0 queued");
                assertThat(accepted.messageId()).startsWith("<").endsWith(">");
              });
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.accepted()).hasSize(20).startsWith("r0@example.org");
      assertThat(meters.timer(SmtpTransports.SEND_TIMER, "outcome", "accepted").count())
          .isEqualTo(20);
    }
  }

  @Test
  void aConnectionIsReplacedAfterTheConfiguredNumberOfMessages() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(address -> "250 2.1.5 ok");
        SmtpTransports.Connection connection = transports(server.port(), 3).connection()) {
      for (int i = 0; i < 7; i++) {
        assertThat(connection.send(message("r" + i + "@example.org")))
            .isInstanceOf(SendOutcome.Accepted.class);
      }

      assertThat(server.connections()).isEqualTo(3);
      assertThat(server.accepted()).hasSize(7);
    }
  }

  @Test
  void aPermanentRefusalOfOneAddressIsRefusedForGoodAndTheOthersStillGoOverTheSameConnection()
      throws Exception {
    try (ScriptedSmtpServer server =
            new ScriptedSmtpServer(
                address ->
                    address.startsWith("unknown")
                        ? "550 5.1.1 <" + address + ">: no such user"
                        : "250 ok");
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      SendOutcome before = connection.send(message("a@example.org"));
      SendOutcome refused = connection.send(message("unknown@example.org"));
      SendOutcome after = connection.send(message("b@example.org"));

      assertThat(before).isInstanceOf(SendOutcome.Accepted.class);
      assertThat(refused)
          .isInstanceOfSatisfying(
              SendOutcome.Refused.class,
              r -> assertThat(r.reply()).contains("550 5.1.1 <unknown@example.org>: no such user"));
      assertThat(after).isInstanceOf(SendOutcome.Accepted.class);
      assertThat(server.accepted()).containsExactly("a@example.org", "b@example.org");
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void aTemporaryRefusalIsDeferredToBeRetried() throws Exception {
    try (ScriptedSmtpServer server =
            new ScriptedSmtpServer(
                address ->
                    address.startsWith("busy") ? "451 4.3.0 mailbox busy, try later" : "250 ok");
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      SendOutcome deferred = connection.send(message("busy@example.org"));
      SendOutcome next = connection.send(message("c@example.org"));

      assertThat(deferred)
          .isInstanceOfSatisfying(
              SendOutcome.Deferred.class,
              d ->
                  assertThat(d.reason())
                      .contains("451 4.3.0 mailbox busy", "busy@example.org")
                      .doesNotContain("Invalid Addresses"));
      assertThat(connection.takeRelayFailure()).isNull();
      assertThat(next).isInstanceOf(SendOutcome.Accepted.class);
    }
  }

  @Test
  void anUnreachableServerDefersTheBatchAfterOneAttemptToConnectAndTheNextBatchTriesAgain()
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (SmtpTransports.Connection connection = transports(closedPort, 500).connection()) {
      SendOutcome first = connection.send(message("a@example.org"));
      SendOutcome second = connection.send(message("b@example.org"));

      assertThat(first)
          .isInstanceOfSatisfying(
              SendOutcome.RelayDown.class,
              d -> assertThat(d.reason()).contains("Cannot connect", "Connection refused"));
      assertThat(second).isEqualTo(first);
      assertThat(connection.takeRelayFailure()).contains("Connection refused");
      assertThat(connection.takeRelayFailure()).isNull();
      assertThat(meters.timer(SmtpTransports.CONNECT_TIMER, "outcome", "failed").count())
          .isEqualTo(1);

      connection.endBatch();
      connection.send(message("c@example.org"));

      assertThat(meters.timer(SmtpTransports.CONNECT_TIMER, "outcome", "failed").count())
          .isEqualTo(2);
    }
  }

  @Test
  void aReplyAskingToSlowDownThrottlesTheRestOfTheBatchWithoutTryingItAndTheNextBatchSendsAgain()
      throws Exception {
    try (ScriptedSmtpServer server =
            new ScriptedSmtpServer(
                address ->
                    address.startsWith("second")
                        ? "451 4.7.1 Too many messages, slow down"
                        : "250 ok");
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      SendOutcome first = connection.send(message("first@example.org"));
      SendOutcome throttled = connection.send(message("second@example.org"));
      SendOutcome untried = connection.send(message("third@example.org"));

      assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
      assertThat(throttled)
          .isInstanceOfSatisfying(
              SendOutcome.Throttled.class,
              t -> assertThat(t.reply()).contains("451 4.7.1 Too many messages"));
      assertThat(untried).isEqualTo(throttled);
      assertThat(connection.attempts()).isEqualTo(2);
      assertThat(connection.takeSlowDown()).contains("Too many messages");
      assertThat(connection.takeSlowDown()).isNull();
      assertThat(connection.takeRelayFailure()).isNull();

      connection.endBatch();

      assertThat(connection.send(message("fourth@example.org")))
          .isInstanceOf(SendOutcome.Accepted.class);
      assertThat(server.accepted()).containsExactly("first@example.org", "fourth@example.org");
    }
  }

  @Test
  void onlyRepliesWordedAsAskingToSlowDownCountAsSuch() {
    assertThat(SmtpTransports.asksToSlowDown("421 4.7.0 Too many connections from your host"))
        .isTrue();
    assertThat(
            SmtpTransports.asksToSlowDown(
                "421 4.7.28 Our system has detected an unusual rate of mail from your IP"))
        .isTrue();
    assertThat(SmtpTransports.asksToSlowDown("451 4.7.500 Server busy. Please try again later"))
        .isTrue();
    assertThat(SmtpTransports.asksToSlowDown("451 4.7.1 Sending limit exceeded")).isTrue();
    assertThat(SmtpTransports.asksToSlowDown("451 4.3.0 mailbox busy, try later")).isFalse();
    assertThat(SmtpTransports.asksToSlowDown("421 4.3.2 Service not available")).isFalse();
    assertThat(SmtpTransports.asksToSlowDown("451 4.3.0 Temporary failure, generated locally"))
        .isFalse();
  }

  @Test
  void aSessionDroppedAfterTheEndOfAMessageWithoutAReplySaysTheMessageMayHaveArrived()
      throws Exception {
    try (ScriptedSmtpServer server =
            new ScriptedSmtpServer(address -> "250 ok")
                .dropAfterTheEndOf(recipient -> recipient.startsWith("lost"));
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      SendOutcome before = connection.send(message("a@example.org"));
      SendOutcome unanswered = connection.send(message("lost@example.org"));

      assertThat(before).isInstanceOf(SendOutcome.Accepted.class);
      // The server has it (it would deliver it) but never said so: sent again, it may arrive twice.
      assertThat(server.accepted()).containsExactly("a@example.org", "lost@example.org");
      assertThat(unanswered)
          .isInstanceOfSatisfying(
              SendOutcome.RelayDown.class,
              down -> {
                assertThat(down.mayHaveArrived()).isTrue();
                assertThat(down.reason()).contains("after the end of the message");
              });
    }
  }

  @Test
  void aSessionDroppedBeforeTheMessageWasSentSaysItCannotHaveArrived() throws Exception {
    try (ScriptedSmtpServer server =
            new ScriptedSmtpServer(
                address -> address.startsWith("lost") ? ScriptedSmtpServer.DROP : "250 ok");
        SmtpTransports.Connection connection = transports(server.port(), 500).connection()) {
      SendOutcome unanswered = connection.send(message("lost@example.org"));
      // The next message, on a new session, is no longer suspected.
      connection.endBatch();
      SendOutcome after = connection.send(message("b@example.org"));

      assertThat(server.accepted()).containsExactly("b@example.org");
      assertThat(unanswered)
          .isInstanceOfSatisfying(
              SendOutcome.RelayDown.class, down -> assertThat(down.mayHaveArrived()).isFalse());
      assertThat(after).isInstanceOf(SendOutcome.Accepted.class);
    }
  }

  private SmtpTransports transports(int port, int maxMessagesPerConnection) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", "2000");
    properties.put("mail.smtp.timeout", "2000");
    return new SmtpTransports(
        Session.getInstance(properties),
        sender,
        DeliveryTestProperties.withMaxMessagesPerConnection(maxMessagesPerConnection),
        meters);
  }

  private static MimeMessage message(String to) throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("meetings@convene.local"));
    message.setRecipient(RecipientType.TO, new InternetAddress(to));
    message.setSubject("Test");
    message.setText("Hello");
    message.saveChanges();
    return message;
  }
}
