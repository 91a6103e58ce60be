package org.convene.notifier.delivery;

/** Where one delivery stands in the ledger. */
enum DeliveryStatus {
  /** Recorded, not sent yet (or sent and not yet recorded: a crash in between resends it). */
  PENDING,
  /** Accepted by the mail server. Never sent again. */
  SENT,
  /** The last attempt failed; {@code last_error} says why. A redelivery of the event retries it. */
  FAILED
}
