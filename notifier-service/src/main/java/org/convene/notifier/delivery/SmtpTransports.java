package org.convene.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Opens SMTP connections to the configured server ({@code spring.mail.*}), each to send many
 * messages: one connection per dispatcher thread, kept while there is work, never one per message.
 */
@Component
class SmtpTransports {

  static final String SEND_TIMER = "convene.notifier.smtp.send";
  static final String CONNECT_TIMER = "convene.notifier.smtp.connect";

  private static final Logger log = LoggerFactory.getLogger(SmtpTransports.class);

  /**
   * The wording of a 421 or 451 reply that asks the sender to slow down (too many messages or
   * connections, a rate or quota exceeded) rather than saying the server is down or one mailbox is
   * unavailable.
   */
  private static final Pattern SLOWING_DOWN =
      Pattern.compile(
          "too many|\\brate\\b|rate.?limit|\\blimit(ed|s)?\\b|throttl|slow(ing)? down|exceeded|server busy",
          Pattern.CASE_INSENSITIVE);

  private final Session session;
  private final String protocol;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final int maxMessagesPerConnection;
  private final MeterRegistry meters;
  private final Timer accepted;
  private final Timer refused;
  private final Timer deferred;

  SmtpTransports(
      Session mailSession,
      JavaMailSenderImpl mailSender,
      DeliveryProperties properties,
      MeterRegistry meters) {
    this.session = mailSession;
    this.protocol = mailSender.getProtocol() == null ? "smtp" : mailSender.getProtocol();
    this.host = mailSender.getHost();
    this.port = mailSender.getPort();
    this.username = mailSender.getUsername();
    this.password = mailSender.getPassword();
    this.maxMessagesPerConnection = properties.smtp().maxMessagesPerConnection();
    this.meters = meters;
    this.accepted = sendTimer("accepted", meters);
    this.refused = sendTimer("refused", meters);
    this.deferred = sendTimer("deferred", meters);
  }

  /** The server's last reply on this transport, without its line breaks, if it is SMTP. */
  static String lastReply(Transport transport) {
    return transport instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null
        ? smtp.getLastServerResponse().strip()
        : null;
  }

  /** A connection that is opened when the first message is sent through it. */
  Connection connection() {
    return new Connection();
  }

  /**
   * One SMTP connection, reused for message after message; not thread-safe. Once the server could
   * not be reached, or dropped the session (a 421, a lost connection), the rest of the batch waits
   * for it without trying again, so that an outage costs one connect timeout per batch, not one per
   * message, and {@link #takeRelayFailure()} tells the dispatcher to probe instead of going on.
   */
  final class Connection implements AutoCloseable {

    private Transport transport;
    private int sentOverTransport;
    private String unreachable;
    private String relayFailure;
    private String throttled;
    private String slowDown;
    private int attempts;

    SendOutcome send(MimeMessage message) {
      if (unreachable != null) {
        return new SendOutcome.RelayDown(unreachable);
      }
      if (throttled != null) {
        return new SendOutcome.Throttled(throttled);
      }
      if (transport == null) {
        try {
          transport = connect();
          sentOverTransport = 0;
        } catch (MessagingException e) {
          return relayDown(
              "Cannot connect to the mail server " + host + ":" + port + ": " + describe(e));
        }
      }
      long start = System.nanoTime();
      SendOutcome outcome;
      boolean sessionLost;
      try {
        attempts++;
        transport.sendMessage(message, message.getAllRecipients());
        outcome = new SendOutcome.Accepted(lastReply(transport), message.getMessageID());
        sessionLost = false;
      } catch (SendFailedException e) {
        int code = replyCode(e);
        // A refused recipient leaves the session usable (the transport sends RSET); a 421, an I/O
        // error behind the reply, does not: then the server, not the recipient, is the trouble.
        sessionLost = !transport.isConnected();
        if (code >= 500 && code < 600) {
          outcome = new SendOutcome.Refused(serverReply(e));
        } else if ((code == 421 || code == 451) && asksToSlowDown(serverReply(e))) {
          outcome = throttled(serverReply(e));
        } else if (sessionLost || code == 421) {
          outcome = dropped(serverReply(e), code <= 0);
        } else {
          outcome = new SendOutcome.Deferred(serverReply(e));
        }
      } catch (MessagingException e) {
        sessionLost = !transport.isConnected();
        outcome = sessionLost ? dropped(describe(e), true) : new SendOutcome.Deferred(describe(e));
      } catch (RuntimeException e) {
        outcome = new SendOutcome.Deferred(describe(e));
        // The session is in an unknown state.
        sessionLost = true;
      }
      timer(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (sessionLost
          || (outcome instanceof SendOutcome.Accepted
              && ++sentOverTransport >= maxMessagesPerConnection)) {
        disconnect();
      }
      return outcome;
    }

    /**
     * Ends a batch: the next one tries to connect again if this one could not, and sends again if
     * this one was asked to slow down.
     */
    void endBatch() {
      unreachable = null;
      throttled = null;
    }

    /** Whether the server was found unavailable in this batch: the rest of it is not tried. */
    boolean relayDown() {
      return unreachable != null;
    }

    /**
     * Whether the server asked to slow down in this batch: its other messages are better left
     * untried, owed as they are, than turned away.
     */
    boolean slowingDown() {
      return throttled != null;
    }

    /** How many messages were handed to the server over this connection object, ever. */
    int attempts() {
      return attempts;
    }

    /**
     * The reply of the server that asked to slow down since the last call, or {@code null} if it
     * did not.
     */
    String takeSlowDown() {
      String reply = slowDown;
      slowDown = null;
      return reply;
    }

    private SendOutcome throttled(String reply) {
      // The rest of the batch is not sent to a server that asked for less.
      throttled = reply;
      slowDown = reply;
      return new SendOutcome.Throttled(reply);
    }

    /**
     * Why the mail server was found unavailable since the last call, or {@code null} if it was not.
     */
    String takeRelayFailure() {
      String failure = relayFailure;
      relayFailure = null;
      return failure;
    }

    private SendOutcome relayDown(String reason) {
      return relayDown(reason, false);
    }

    /**
     * The session was lost while sending. Without a reply ({@code unanswered}) after the end of the
     * message was sent, the server may have taken it: sent again, it may arrive twice.
     */
    private SendOutcome dropped(String why, boolean unanswered) {
      boolean afterTheEnd =
          unanswered && transport instanceof EndAwareSmtpTransport smtp && smtp.endSent();
      return relayDown(
          "The mail server "
              + host
              + ":"
              + port
              + " dropped the session"
              + (afterTheEnd ? " after the end of the message, without a reply: " : ": ")
              + why,
          afterTheEnd);
    }

    private SendOutcome relayDown(String reason, boolean mayHaveArrived) {
      // The rest of the batch is not tried over a connection that just failed.
      unreachable = reason;
      relayFailure = reason;
      return new SendOutcome.RelayDown(reason, mayHaveArrived);
    }

    /** Closes the connection, if open; the next message opens another. */
    @Override
    public void close() {
      disconnect();
      unreachable = null;
      throttled = null;
    }

    private Transport connect() throws MessagingException {
      long start = System.nanoTime();
      Transport opened = newTransport();
      try {
        opened.connect(host, port, username, password);
        connectTimer("connected").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return opened;
      } catch (MessagingException e) {
        connectTimer("failed").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        throw e;
      }
    }

    private void disconnect() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException e) {
          log.debug("Closing the SMTP connection failed", e);
        }
        transport = null;
      }
    }
  }

  private Transport newTransport() {
    return new EndAwareSmtpTransport(session, protocol);
  }

  private Timer connectTimer(String outcome) {
    return Timer.builder(CONNECT_TIMER)
        .description("Time to open an SMTP connection: connect, greeting, EHLO, authentication")
        .tag("outcome", outcome)
        .register(meters);
  }

  private Timer timer(SendOutcome outcome) {
    return switch (outcome) {
      case SendOutcome.Accepted ignored -> accepted;
      case SendOutcome.Refused ignored -> refused;
      case SendOutcome.Deferred ignored -> deferred;
      case SendOutcome.RelayDown ignored -> deferred;
      case SendOutcome.Throttled ignored -> deferred;
    };
  }

  /** Whether a 421 or 451 reply asks the sender to slow down, by its wording. */
  static boolean asksToSlowDown(String reply) {
    return reply != null && SLOWING_DOWN.matcher(reply).find();
  }

  private static Timer sendTimer(String outcome, MeterRegistry meters) {
    return Timer.builder(SEND_TIMER)
        .description(
            "Time the SMTP server took to take or turn down one message over an open connection")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
  }

  /** The SMTP reply code of the first reply in the chain that has one, else 0. */
  static int replyCode(MessagingException exception) {
    Exception current = exception;
    while (current != null) {
      if (current instanceof SMTPAddressFailedException failed) {
        return failed.getReturnCode();
      }
      if (current instanceof SMTPSendFailedException failed) {
        return failed.getReturnCode();
      }
      current =
          current instanceof MessagingException messaging ? messaging.getNextException() : null;
    }
    return 0;
  }

  /**
   * What the server replied, for each address it turned down: Jakarta Mail wraps every refusal, a
   * temporary 4xx as much as a permanent 5xx, in a SendFailedException that says "Invalid
   * Addresses", which would read as if the address were wrong.
   */
  static String serverReply(MessagingException exception) {
    StringBuilder text = new StringBuilder();
    Exception current = exception;
    int depth = 0;
    while (current != null && depth++ < 10) {
      if (current instanceof SMTPAddressFailedException failed) {
        append(text, failed.getMessage() + " (for " + failed.getAddress() + ")");
      } else if (current instanceof SMTPSendFailedException failed) {
        append(text, failed.getMessage());
      }
      Exception next =
          current instanceof MessagingException messaging ? messaging.getNextException() : null;
      current = next == current ? null : next;
    }
    return text.isEmpty() ? describe(exception) : text.toString();
  }

  private static void append(StringBuilder text, String reply) {
    if (!text.isEmpty()) {
      text.append("; ");
    }
    text.append(reply == null ? "" : reply.strip().replaceAll("\\s+", " "));
  }

  /** The exception and its causes in one line, the server's reply included. */
  static String describe(Exception exception) {
    StringBuilder text = new StringBuilder();
    Throwable current = exception;
    int depth = 0;
    while (current != null && depth++ < 5) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      String message = current.getMessage();
      text.append(current.getClass().getSimpleName());
      if (message != null && !message.isBlank()) {
        text.append(": ").append(message.strip().replaceAll("\\s+", " "));
      }
      Throwable next =
          current instanceof MessagingException messaging
              ? messaging.getNextException()
              : current.getCause();
      current = next == current ? null : next;
    }
    return text.toString();
  }
}
