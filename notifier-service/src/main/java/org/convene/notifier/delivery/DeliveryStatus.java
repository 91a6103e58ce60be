package org.convene.notifier.delivery;

/** Where one delivery stands in the ledger. */
enum DeliveryStatus {
  /**
   * Owed: due at {@code due_at}, after the quiet period or the back-off of a failed attempt. With
   * {@code sending_since} set, it was being sent when the notifier or its database was lost: it is
   * sent again, with the same Message-ID, and flagged {@code possible_duplicate}.
   */
  PENDING,
  /** Accepted by the mail server. Never sent again. */
  SENT,
  /**
   * Given up: the mail server refused it for good, it cannot be written, or every retry failed;
   * {@code last_error} says why. Sent again only when an operator retries it.
   */
  FAILED,
  /**
   * Not sent and never will be: a newer revision's message to the same recipient was sent instead
   * ({@code superseded_by}), or one was sent already.
   */
  SUPERSEDED,
  /**
   * A reminder that fired later than its due time plus the grace (no instance ran meanwhile): not
   * sent, only recorded, so that operators see it. Never replaces a reminder already owed or sent.
   */
  MISSED
}
