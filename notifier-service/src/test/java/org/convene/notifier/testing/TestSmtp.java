package org.convene.notifier.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.convene.testing.FreePorts;

/**
 * One GreenMail SMTP server per test JVM on a port that stays the same when the server is stopped
 * and started again, so that the notifiers under test keep sending to it. What every incarnation
 * received is kept.
 */
public final class TestSmtp {

  public static final String HOST = "127.0.0.1";

  /**
   * The server as a JUnit resource: a class that stops it holds it for reading and writing, a class
   * that runs beside the others and needs it up holds it for reading, so the two never overlap.
   */
  public static final String LOCK = "org.convene.notifier.testing.TestSmtp";

  private static final int PORT = FreePorts.any();
  private static final List<GreenMail> stopped = new ArrayList<>();
  private static GreenMail running = start();

  private TestSmtp() {}

  public static int port() {
    return PORT;
  }

  /** Stops the server: connections to its port are refused until {@link #restart()}. */
  public static synchronized void stop() {
    if (running != null) {
      running.stop();
      stopped.add(running);
      running = null;
    }
  }

  /** Starts the server again on the same port, if stopped. */
  public static synchronized void restart() {
    if (running == null) {
      running = start();
    }
  }

  /** Every message received since the JVM started, by every incarnation of the server. */
  public static synchronized List<MimeMessage> received() {
    List<MimeMessage> messages = new ArrayList<>();
    for (GreenMail server : stopped) {
      messages.addAll(Arrays.asList(server.getReceivedMessages()));
    }
    if (running != null) {
      messages.addAll(Arrays.asList(running.getReceivedMessages()));
    }
    return messages;
  }

  /** The messages received for mailboxes of {@code domain}. */
  public static List<MimeMessage> receivedFor(String domain) {
    String suffix = "@" + domain.toLowerCase(Locale.ROOT);
    return received().stream().filter(message -> recipient(message).endsWith(suffix)).toList();
  }

  /** The messages received for one mailbox. */
  public static List<MimeMessage> inbox(String mailbox) {
    String address = mailbox.toLowerCase(Locale.ROOT);
    return received().stream().filter(message -> recipient(message).equals(address)).toList();
  }

  /** The one To address of a message, lower case. */
  public static String recipient(MimeMessage message) {
    try {
      Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
      return to == null || to.length == 0
          ? ""
          : ((InternetAddress) to[0]).getAddress().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GreenMail start() {
    GreenMail server =
        new GreenMail(patient(new ServerSetup(PORT, HOST, ServerSetup.PROTOCOL_SMTP)));
    server.start();
    return server;
  }

  /**
   * The setup with 30 s for the server to start listening instead of GreenMail's 2 s, which a busy
   * two-core machine running two builds' tests has not always met. (GreenMail reports a port it
   * could not bind with the same message as a late start: hence ports from {@link FreePorts}.)
   */
  public static ServerSetup patient(ServerSetup setup) {
    setup.setServerStartupTimeout(30_000);
    return setup;
  }
}
