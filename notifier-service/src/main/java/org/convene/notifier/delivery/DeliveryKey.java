package org.convene.notifier.delivery;

import java.util.Objects;
import org.convene.events.MeetingId;

/**
 * Identifies one message in the ledger.
 *
 * @param recipient the recipient's mailbox as a key (trimmed, lower case)
 */
record DeliveryKey(MeetingId meetingId, long revision, String recipient, DeliveryKind kind) {

  DeliveryKey {
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
  }

  /** The (meeting, recipient) pair whose messages are sent one at a time, in order. */
  RecipientKey recipientKey() {
    return new RecipientKey(meetingId, recipient);
  }

  /** One recipient of one meeting: the unit that dispatchers lock. */
  record RecipientKey(MeetingId meetingId, String recipient) {}
}
