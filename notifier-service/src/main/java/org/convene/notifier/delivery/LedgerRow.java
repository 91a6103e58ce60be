package org.convene.notifier.delivery;

import java.time.Instant;
import org.convene.events.EventId;

/**
 * One ledger row as the dispatcher reads it.
 *
 * @param reminderDueAt for a reminder, when it was meant to go out; {@code null} for other kinds
 */
record LedgerRow(DeliveryKey key, DeliveryStatus status, int attempts, EventId eventId, Instant reminderDueAt) {

  /** A row of a kind other than reminders. */
  LedgerRow(DeliveryKey key, DeliveryStatus status, int attempts, EventId eventId) {
    this(key, status, attempts, eventId, null);
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
}
