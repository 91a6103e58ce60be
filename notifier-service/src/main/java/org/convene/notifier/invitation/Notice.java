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
 * @param changesComplete whether {@code changes} holds every revision since the recipient's last
 *     message; false if one is not recorded (lost, or dead-lettered), so that the update says some
 *     changes are not described
 * @param reminder for a {@link NoticeKind#REMINDER}, which reminder it is; {@code null} otherwise
 */
public record Notice(NoticeKind kind, MeetingEvent event, Participant recipient, List<MeetingEvent> changes, boolean changesComplete, Reminder reminder) {

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    changes = changes == null ? List.of() : List.copyOf(changes);
    if ((kind == NoticeKind.REMINDER) != (reminder != null)) {
      throw new IllegalArgumentException("A reminder, and only a reminder, says which one it is: " + kind);
    }
  }

  public Notice(NoticeKind kind, MeetingEvent event, Participant recipient, List<MeetingEvent> changes) {
    this(kind, event, recipient, changes, true, null);
  }

  public Notice(NoticeKind kind, MeetingEvent event, Participant recipient) {
    this(kind, event, recipient, List.of());
  }

  /** A reminder of the meeting as {@code event} has it. */
  public static Notice reminder(MeetingEvent event, Participant recipient, Reminder reminder) {
    return new Notice(NoticeKind.REMINDER, event, recipient, List.of(), true, reminder);
  }

  /**
   * Which reminder a notice is: the same for every attempt at it, whatever the meeting's revision
   * when it is written.
   *
   * @param plannedRevision the revision that set the reminder's time
   * @param minutesBefore how long before the start it is meant to arrive
   */
  public record Reminder(long plannedRevision, int minutesBefore) {}
}
