package org.convene.notifier.delivery;

import java.util.Objects;
import org.convene.events.MeetingId;

/**
 * Identifies one message in the ledger.
 *
 * @param revision the revision the message is owed for; for a {@link DeliveryKind#REMINDER}, the
 *     revision that set the reminder's time (its planned revision)
 * @param recipient the recipient's mailbox as a key (trimmed, lower case)
 * @param reminderMinutes for a reminder, how many minutes before the start it goes out; {@value
 *     #NOT_A_REMINDER} for every other kind
 */
record DeliveryKey(
    MeetingId meetingId, long revision, String recipient, DeliveryKind kind, int reminderMinutes) {

  /** The {@link #reminderMinutes} of every kind but reminders. */
  static final int NOT_A_REMINDER = -1;

  DeliveryKey {
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
    if ((kind == DeliveryKind.REMINDER) != (reminderMinutes >= 0)) {
      throw new IllegalArgumentException(
          "Reminders, and only they, have minutes before the start: "
              + kind
              + " "
              + reminderMinutes);
    }
  }

  /** A message that is not a reminder. */
  DeliveryKey(MeetingId meetingId, long revision, String recipient, DeliveryKind kind) {
    this(meetingId, revision, recipient, kind, NOT_A_REMINDER);
  }

  /** The (meeting, recipient) pair whose messages are sent one at a time, in order. */
  RecipientKey recipientKey() {
    return new RecipientKey(meetingId, recipient);
  }

  /** One recipient of one meeting: the unit that dispatchers lock. */
  record RecipientKey(MeetingId meetingId, String recipient) {}
}
