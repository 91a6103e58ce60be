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
  REMINDER,
  /**
   * A person's answer was recorded: a plain e-mail telling them what was recorded, keyed by the
   * answer event. Never supersedes nor is superseded by the calendar's messages.
   */
  CONFIRMATION,
  /**
   * To the organiser and the chair: the quorum became UNREACHABLE (keyed by that event), or is
   * still AT_RISK at a lead time before the start (keyed by its minutes before, as a reminder is).
   */
  QUORUM_ALERT,
  /**
   * To a voting member who has not answered while the quorum is AT_RISK at a lead time before the
   * start: please answer. Keyed by its minutes before the start.
   */
  NUDGE;

  /** Whether the kind is a calendar message, one revision superseding the other. */
  boolean calendar() {
    return this == INVITATION || this == UPDATE || this == CANCELLATION;
  }

  /** Whether the kind is about the answers: a confirmation, a quorum alert or a nudge. */
  boolean aboutAnswers() {
    return this == CONFIRMATION || this == QUORUM_ALERT || this == NUDGE;
  }
}
