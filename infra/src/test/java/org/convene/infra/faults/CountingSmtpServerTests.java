package org.convene.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.convene.infra.faults.CountingSmtpServer.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CountingSmtpServerTests {

  private static final String MEETING = "3daa8ca1-0e9c-4549-aa0b-319e07c0c77a";

  private final CountingSmtpServer server = CountingSmtpServer.start();
  private final Session session = Session.getInstance(properties());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void keepsTheRecipientAndTheCalendarsUidSequenceAndMethodOfEachMessage() throws Exception {
    // The UID folded over two lines, as iCalendar writers fold long lines; the part in base64.
    String calendar =
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nEND:VTIMEZONE\r\n"
            + "BEGIN:VEVENT\r\nUID:"
            + MEETING.substring(0, 20)
            + "\r\n "
            + MEETING.substring(20)
            + "@convene\r\nSEQUENCE:3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    send("Li.Na@example.org", "<m1@convene.local>", calendar);

    assertThat(server.received())
        .singleElement()
        .satisfies(
            received -> {
              assertThat(received.recipient()).isEqualTo("li.na@example.org");
              assertThat(received.uid()).isEqualTo(MEETING + "@convene");
              assertThat(received.sequence()).isEqualTo(3);
              assertThat(received.method()).isEqualTo("REQUEST");
              assertThat(received.messageId()).isEqualTo("<m1@convene.local>");
            });
    assertThat(server.acceptedCount()).isEqualTo(1);
    assertThat(server.connectionsSoFar()).isEqualTo(1);
  }

  @Test
  void refusesConnectionsDuringAnOutageAndTakesMailOnTheSamePortAfterIt() throws Exception {
    String calendar =
        "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:"
            + MEETING
            + "@convene\r\nSEQUENCE:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    server.refuse();

    assertThatThrownBy(() -> send("a@example.org", "<m2@convene.local>", calendar))
        .isInstanceOf(MessagingException.class);
    assertThat(server.received()).isEmpty();

    server.resume();
    send("a@example.org", "<m2@convene.local>", calendar);

    assertThat(server.received())
        .extracting(Received::method, Received::sequence)
        .containsExactly(tuple("CANCEL", 2));
  }

  @Test
  void anOpenSessionGets421AtItsNextCommandOnceTheOutageBegins() throws Exception {
    String calendar =
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:"
            + MEETING
            + "@convene\r\nSEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Transport transport = session.getTransport("smtp");
    try {
      transport.connect(server.host(), server.port(), null, null);
      MimeMessage first = message("a@example.org", "<m3@convene.local>", calendar);
      transport.sendMessage(first, first.getAllRecipients());

      server.refuse();

      MimeMessage second = message("b@example.org", "<m4@convene.local>", calendar);
      assertThatThrownBy(() -> transport.sendMessage(second, second.getAllRecipients()))
          .isInstanceOf(MessagingException.class)
          .hasMessageContaining("421");
    } finally {
      closeQuietly(transport);
    }
    assertThat(server.received()).extracting(Received::recipient).containsExactly("a@example.org");
  }

  private void send(String to, String messageId, String calendar) throws MessagingException {
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(server.host(), server.port(), null, null);
      MimeMessage message = message(to, messageId, calendar);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private MimeMessage message(String to, String messageId, String calendar)
      throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(new InternetAddress("meetings@convene.local"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Invitation");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("You are invited.", "UTF-8");
    MimeBodyPart invitation = new MimeBodyPart();
    invitation.setContent(
        calendar.getBytes(StandardCharsets.UTF_8), "text/calendar; charset=UTF-8; method=REQUEST");
    invitation.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=REQUEST");
    invitation.setHeader("Content-Transfer-Encoding", "base64");
    message.setContent(new MimeMultipart("alternative", text, invitation));
    message.saveChanges();
    return message;
  }

  @Test
  void aTransactionIsInProgressFromItsMailCommandUntilItsDataEndsOrTheClientGoesAway()
      throws Exception {
    try (Socket first = new Socket(server.host(), server.port());
        Socket second = new Socket(server.host(), server.port())) {
      SmtpClient one = new SmtpClient(first);
      SmtpClient other = new SmtpClient(second);
      one.command("EHLO test");
      other.command("EHLO test");
      one.command("MAIL FROM:<meetings@convene.local>");
      one.command("RCPT TO:<a@example.org>");
      other.command("MAIL FROM:<meetings@convene.local>");
      assertThat(server.transactionsInProgress()).isEqualTo(2);

      one.command("RSET");
      assertThat(server.transactionsInProgress()).isEqualTo(1);
      one.command("MAIL FROM:<meetings@convene.local>");
      one.command("RCPT TO:<a@example.org>");
      one.command("DATA");
      assertThat(server.transactionsInProgress()).isEqualTo(2);
      assertThat(one.command("Subject: counted\r\n\r\nbody\r\n.")).startsWith("250");
      assertThat(server.transactionsInProgress()).isEqualTo(1);
      assertThat(server.acceptedCount()).isEqualTo(1);

      second.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> server.transactionsInProgress() == 0);
    }
    assertThat(server.acceptedCount()).isEqualTo(1);
  }

  /** Writes SMTP commands and reads each one-line reply. */
  private static final class SmtpClient {

    private final BufferedReader in;
    private final Writer out;

    SmtpClient(Socket socket) throws IOException {
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
      assertThat(in.readLine()).startsWith("220");
    }

    String command(String line) throws IOException {
      out.write(line + "\r\n");
      out.flush();
      return in.readLine();
    }
  }

  // The server has closed the session after its 421; the client's QUIT may hit a closed socket.
  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // Closed either way.
    }
  }

  private static Properties properties() {
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    return properties;
  }
}
