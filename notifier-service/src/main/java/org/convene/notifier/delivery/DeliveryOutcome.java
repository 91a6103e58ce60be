package org.convene.notifier.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What the ledger records for one message once its fate is known. {@code possiblySent}: an earlier
 * attempt may have reached the recipient without its outcome being recorded (its row was found in
 * flight), which the row keeps as {@code possible_duplicate}.
 */
sealed interface DeliveryOutcome {

  DeliveryKey key();

  /**
   * Accepted by the mail server, with its reply and the Message-ID (either unknown if {@code
   * null}).
   */
  record Sent(DeliveryKey key, boolean possiblySent, String smtpReply, String messageId)
      implements DeliveryOutcome {

    Sent(DeliveryKey key, boolean possiblySent) {
      this(key, possiblySent, null, null);
    }
  }

  /** Not accepted for now: tried again after {@code delay}. */
  record Retry(DeliveryKey key, Duration delay, String error, boolean possiblySent)
      implements DeliveryOutcome {

    public Retry {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * Not taken because the mail server itself was unavailable (the connection refused or lost, a 421
   * reply), or not tried at all for that reason: due again after {@code delay}, at the next probe.
   * Not an attempt at this message: the row's attempts count only the times the server answered for
   * it, so that waiting through an outage brings it no nearer to being given up.
   */
  record AwaitingRelay(DeliveryKey key, Duration delay, String error, boolean possiblySent)
      implements DeliveryOutcome {

    public AwaitingRelay {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** Given up: refused for good, impossible to write, or every retry failed. */
  record Failed(DeliveryKey key, String error, boolean possiblySent) implements DeliveryOutcome {}

  /** Never to be sent: revision {@code by} was (or will be) sent instead. */
  record Superseded(DeliveryKey key, long by) implements DeliveryOutcome {}
}
