package org.convene.notifier.delivery;

import java.util.Objects;
import java.util.UUID;
import org.convene.events.EventId;
import org.convene.events.MeetingId;

/**
 * Identifies one message in the ledger.
 *
 * @param revision the revision the message is owed for; for a {@link DeliveryKind#REMINDER}, the
 *     revision that set the reminder's time (its planned revision), likewise for a nudge or a
 *     quorum alert at a lead time
 * @param recipient the recipient's mailbox as a key (trimmed, lower case)
 * @param reminderMinutes for a reminder, a nudge or a quorum alert at a lead time, how many minutes
 *     before the start it goes out; {@value #NOT_A_REMINDER} for every other message
 * @param notice for a confirmation, or a quorum alert on becoming unreachable, the answer event
 *     that owes it (one person may answer several times at one revision); {@code null} otherwise
 */
record DeliveryKey(
    MeetingId meetingId,
    long revision,
    String recipient,
    DeliveryKind kind,
    int reminderMinutes,
    EventId notice) {

  /** The {@link #reminderMinutes} of every kind but reminders. */
  static final int NOT_A_REMINDER = -1;

  /** How the ledger stores "no answer event" in its key, whose columns cannot be null. */
  static final UUID NO_NOTICE = new UUID(0, 0);

  DeliveryKey {
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
    boolean timed = reminderMinutes >= 0;
    boolean valid =
        switch (kind) {
          case INVITATION, UPDATE, CANCELLATION -> !timed && notice == null;
          case REMINDER, NUDGE -> timed && notice == null;
          case CONFIRMATION -> !timed && notice != null;
          case QUORUM_ALERT -> timed != (notice != null);
        };
    if (!valid) {
      throw new IllegalArgumentException(
          "Reminders, nudges and quorum alerts at a lead time, and only they, have minutes before the"
              + " start; confirmations and alerts on becoming unreachable, and only they, name their"
              + " answer event: "
              + kind
              + " "
              + reminderMinutes
              + " "
              + notice);
    }
  }

  /** A message that names no answer event. */
  DeliveryKey(
      MeetingId meetingId,
      long revision,
      String recipient,
      DeliveryKind kind,
      int reminderMinutes) {
    this(meetingId, revision, recipient, kind, reminderMinutes, null);
  }

  /** A message that is not a reminder. */
  DeliveryKey(MeetingId meetingId, long revision, String recipient, DeliveryKind kind) {
    this(meetingId, revision, recipient, kind, NOT_A_REMINDER);
  }

  /** {@link #notice} as the ledger's key column holds it. */
  UUID noticeColumn() {
    return notice == null ? NO_NOTICE : notice.value();
  }

  /** The {@link #notice} of a ledger key column. */
  static EventId noticeOf(UUID column) {
    return column == null || column.equals(NO_NOTICE) ? null : EventId.of(column);
  }

  /** The (meeting, recipient) pair whose messages are sent one at a time, in order. */
  RecipientKey recipientKey() {
    return new RecipientKey(meetingId, recipient);
  }

  /** One recipient of one meeting: the unit that dispatchers lock. */
  record RecipientKey(MeetingId meetingId, String recipient) {}
}
