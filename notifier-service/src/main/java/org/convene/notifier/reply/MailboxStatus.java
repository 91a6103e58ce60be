package org.convene.notifier.reply;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the replies reader is doing, for the ops console: whether it reads the organiser mailbox,
 * since when, and when it last looked; or since when and why it cannot. A reader that cannot reach
 * the mailbox keeps trying and only logs, so without this nobody would notice that answers from
 * calendars have stopped coming in.
 */
@Component
public class MailboxStatus {

  /** The reader's state. */
  public enum State {
    /** Replies are not read ({@code convene.notifier.replies.enabled} is not {@code true}). */
    DISABLED,
    /** Started, not connected yet. */
    CONNECTING,
    /** Connected, with the folder open. */
    READING,
    /** The server cannot be reached, or refused to sign the reader in: trying again. */
    UNAVAILABLE
  }

  /**
   * One moment's status.
   *
   * @param mailbox the user and server read, {@code meetings@example.org on imap.example.org:993}
   * @param since when the reader entered this state (for UNAVAILABLE: the first failure in a row)
   * @param detail why it is unavailable
   * @param lastLook when the reader last looked into the folder
   */
  public record Snapshot(
      State state,
      @Nullable String mailbox,
      @Nullable Instant since,
      @Nullable String detail,
      @Nullable Instant lastLook) {}

  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(State.DISABLED, null, null, null, null);

  MailboxStatus(Clock clock) {
    this.clock = clock;
  }

  public Snapshot now() {
    return snapshot;
  }

  synchronized void connecting(String mailbox) {
    snapshot = new Snapshot(State.CONNECTING, mailbox, clock.instant(), null, null);
  }

  synchronized void reading() {
    Snapshot before = snapshot;
    snapshot =
        new Snapshot(State.READING, before.mailbox(), clock.instant(), null, before.lastLook());
  }

  synchronized void looked() {
    Snapshot before = snapshot;
    snapshot =
        new Snapshot(
            before.state(), before.mailbox(), before.since(), before.detail(), clock.instant());
  }

  /** Keeps the time of the first failure in a row, so the page says how long it has lasted. */
  synchronized void unavailable(String detail) {
    Snapshot before = snapshot;
    Instant since = before.state() == State.UNAVAILABLE ? before.since() : clock.instant();
    snapshot = new Snapshot(State.UNAVAILABLE, before.mailbox(), since, detail, before.lastLook());
  }

  synchronized void stopped() {
    snapshot = new Snapshot(State.DISABLED, null, null, null, null);
  }
}
