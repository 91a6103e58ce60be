package org.convene.notifier.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.convene.testing.FreePorts;

/**
 * The organiser mailbox that the notifier of the shared test context reads replies from: one
 * GreenMail server per test JVM (SMTP to deliver to it, IMAP to read it), on ports that stay the
 * same when it is restarted, so that the reader connects to it again; IMAP through an {@link
 * ImapProxy}. Apart from {@link TestSmtp}, which receives what the notifiers send.
 */
public final class TestMailbox {

  public static final String HOST = "127.0.0.1";
  public static final String ADDRESS = "meetings@convene.local";
  public static final String PASSWORD = "mailbox-secret";
  private static final int SMTP_PORT = FreePorts.any();
  private static final int IMAP_PORT = FreePorts.any();
  private static GreenMail running = start();
  private static final ImapProxy PROXY = new ImapProxy(HOST, IMAP_PORT);

  private TestMailbox() {}

  public static int smtpPort() {
    return SMTP_PORT;
  }

  /** Where to read the mailbox: through a proxy that can hold back the server's announcements. */
  public static int imapPort() {
    return PROXY.port();
  }

  /**
   * Whether the IMAP server tells connections that have a folder open of new messages (it does
   * unless told otherwise), as one that loses those announcements would not.
   */
  public static void announceArrivals(boolean announce) {
    PROXY.announceArrivals(announce);
  }

  /** Whether the IMAP server looks down to its clients: their connections closed, new ones too. */
  public static void refuseConnections(boolean refuse) {
    PROXY.refuseConnections(refuse);
  }

  /** Stops the server and starts a new one on the same ports, which has forgotten every message. */
  public static synchronized void restart() {
    running.stop();
    running = start();
  }

  private static GreenMail start() {
    GreenMail server =
        new GreenMail(
            new ServerSetup[] {
              TestSmtp.patient(new ServerSetup(SMTP_PORT, HOST, ServerSetup.PROTOCOL_SMTP)),
              TestSmtp.patient(new ServerSetup(IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP))
            });
    server.start();
    server.setUser(ADDRESS, ADDRESS, PASSWORD);
    return server;
  }
}
