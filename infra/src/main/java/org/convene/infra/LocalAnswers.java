package org.convene.infra;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * How attendees answer on the local stack: both services share one answer-link key (new at every
 * start, so links from an earlier run stop working, as they would after a key rotation), and the
 * notifier reads the organiser mailbox on GreenMail's IMAP server, where a reply sent over SMTP to
 * {@value #ORGANISER_MAILBOX} lands.
 */
public final class LocalAnswers {

  /** The notifier's From, Reply-To and iCalendar ORGANIZER address, and the mailbox it reads. */
  public static final String ORGANISER_MAILBOX = "meetings@convene.local";

  /** The id of the one answer-link key. */
  public static final String KEY_ID = "local";

  private LocalAnswers() {}

  /**
   * The answer-link settings, the same for both services, with links to the scheduler at {@code
   * scheduler}.
   */
  public static List<String> linkArguments(URI scheduler) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return linkArguments(scheduler, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** As {@link #linkArguments(URI)}, with a secret the caller knows, to sign links of its own. */
  public static List<String> linkArguments(URI scheduler, String secret) {
    return List.of(
        "--convene.answers.keys[0].id=" + KEY_ID,
        "--convene.answers.keys[0].secret=" + secret,
        "--convene.answers.current-key=" + KEY_ID,
        "--convene.answers.base-url=" + scheduler.toString().replaceAll("/$", ""));
  }

  /**
   * The notifier's mailbox reader on GreenMail's IMAP server (login and password are the address).
   */
  public static List<String> mailboxReaderArguments(String host, int imapPort) {
    return List.of(
        "--convene.notifier.mailbox=" + ORGANISER_MAILBOX,
        "--convene.notifier.replies.enabled=true",
        "--convene.notifier.replies.host=" + host,
        "--convene.notifier.replies.port=" + imapPort,
        "--convene.notifier.replies.username=" + ORGANISER_MAILBOX,
        "--convene.notifier.replies.password=" + ORGANISER_MAILBOX);
  }
}
