package org.convene.notifier.invitation;

import java.util.List;
import java.util.Objects;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;

/**
 * One message owed to one recipient.
 *
 * @param kind what the message tells
 * @param event the event whose revision is sent: the meeting as it stands, its SEQUENCE
 * @param recipient the recipient as the event knows them: a participant of the snapshot, or one
 *     the event removed
 * @param changes for an {@link NoticeKind#UPDATE}, the events since the last message the recipient
 *     got, oldest first, {@code event} last; what the update says changed. Empty otherwise.
 */
public record Notice(NoticeKind kind, MeetingEvent event, Participant recipient, List<MeetingEvent> changes) {

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  public Notice(NoticeKind kind, MeetingEvent event, Participant recipient) {
    this(kind, event, recipient, List.of());
  }
}
