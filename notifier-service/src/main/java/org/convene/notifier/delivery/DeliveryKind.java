package org.convene.notifier.delivery;

/**
 * What a recipient is owed for one revision; part of the ledger key, so each is recorded once. The
 * dispatcher sends the newest one owed to a recipient, which decides the message.
 */
enum DeliveryKind {
  /** The recipient was invited (the meeting was scheduled, or they were added): a REQUEST. */
  INVITATION,
  /** The meeting changed while the recipient stays invited: a REQUEST with the new SEQUENCE. */
  UPDATE,
  /** The meeting was cancelled, or the recipient removed from it: a CANCEL. */
  CANCELLATION,
  /**
   * A reminder before the meeting: a plain e-mail, no iTIP message. Kept apart from the kinds
   * above: it neither supersedes them nor is superseded by them, and is keyed by its minutes before
   * the start as well.
   */
  REMINDER
}
