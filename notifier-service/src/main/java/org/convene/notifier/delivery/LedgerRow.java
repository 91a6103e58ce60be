package org.convene.notifier.delivery;

import java.time.Instant;
import org.convene.events.EventId;

/**
 * One ledger row as the dispatcher reads it.
 *
 * @param reminderDueAt for a reminder, when it was meant to go out; {@code null} for other kinds
 * @param sendingSince when an attempt to send it began whose outcome was never recorded; {@code
 *     null} if none: set, the message may have reached the recipient already
 * @param possibleDuplicate whether an earlier attempt may have reached the recipient, its outcome
 *     unrecorded, although a later one did not get through (yet)
 */
record LedgerRow(
    DeliveryKey key,
    DeliveryStatus status,
    int attempts,
    EventId eventId,
    Instant reminderDueAt,
    Instant sendingSince,
    boolean possibleDuplicate) {

  /** A row of a kind other than reminders, never in flight. */
  LedgerRow(DeliveryKey key, DeliveryStatus status, int attempts, EventId eventId) {
    this(key, status, attempts, eventId, null, null, false);
  }

  /**
   * Whether a copy of this message may have reached the recipient already: sending it is a possible
   * duplicate.
   */
  boolean possiblySent() {
    return sendingSince != null || possibleDuplicate;
  }

  long revision() {
    return key.revision();
  }

  DeliveryKind kind() {
    return key.kind();
  }

  boolean reminder() {
    return key.kind() == DeliveryKind.REMINDER;
  }

  /** Whether the row is a confirmation, a quorum alert or a nudge: sent on their own track. */
  boolean aboutAnswers() {
    return key.kind().aboutAnswers();
  }
}
