package org.convene.notifier.invitation;

import java.util.Objects;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.Quorum;

/**
 * One message owed to one recipient.
 *
 * @param kind what the message tells
 * @param event the event whose revision is sent: the meeting as it stands, its SEQUENCE
 * @param recipient the recipient as the event knows them: a participant of the snapshot, or one the
 *     event removed
 * @param lastSent for an {@link NoticeKind#UPDATE}, the meeting as the recipient last got it (the
 *     snapshot of the revision of their last message): the update says what differs between it and
 *     {@code event}'s. {@code null} if it is not known for sure, when that revision's event (or, as
 *     the dispatcher decides, one since) is not recorded: lost, or dead-lettered. The update then
 *     describes what {@code event} itself changed and says that earlier changes cannot be
 *     described. {@code null} for every other kind.
 * @param reminder for a {@link NoticeKind#REMINDER}, which reminder it is; {@code null} otherwise
 * @param answers for a confirmation, a quorum alert or a nudge, which one it is and the quorum it
 *     reports; {@code null} for every other kind
 */
public record Notice(
    NoticeKind kind,
    MeetingEvent event,
    Participant recipient,
    MeetingSnapshot lastSent,
    Reminder reminder,
    Answers answers) {

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    if (kind != NoticeKind.UPDATE && lastSent != null) {
      throw new IllegalArgumentException(
          "Only an update compares with the meeting as last sent: " + kind);
    }
    if ((kind == NoticeKind.REMINDER) != (reminder != null)) {
      throw new IllegalArgumentException(
          "A reminder, and only a reminder, says which one it is: " + kind);
    }
    if (kind.aboutAnswers() != (answers != null)) {
      throw new IllegalArgumentException(
          "A confirmation, quorum alert or nudge, and only they, say which one they are: " + kind);
    }
  }

  /** A notice without answer details: every kind but those about the answers. */
  public Notice(
      NoticeKind kind,
      MeetingEvent event,
      Participant recipient,
      MeetingSnapshot lastSent,
      Reminder reminder) {
    this(kind, event, recipient, lastSent, reminder, null);
  }

  /**
   * A notice of {@code kind} without a meeting to compare with; an update made so says its changes
   * cannot be described.
   */
  public Notice(NoticeKind kind, MeetingEvent event, Participant recipient) {
    this(kind, event, recipient, null, null);
  }

  /**
   * An update of the meeting as {@code event} has it, to a recipient who last got the meeting as
   * {@code lastSent}; {@code null} if that is not recorded.
   */
  public static Notice update(MeetingEvent event, Participant recipient, MeetingSnapshot lastSent) {
    return new Notice(NoticeKind.UPDATE, event, recipient, lastSent, null);
  }

  /** A reminder of the meeting as {@code event} has it. */
  public static Notice reminder(MeetingEvent event, Participant recipient, Reminder reminder) {
    return new Notice(NoticeKind.REMINDER, event, recipient, null, reminder);
  }

  /**
   * A confirmation, a quorum alert or a nudge about the meeting as {@code event} has it: for a
   * confirmation, {@code event} is the {@link org.convene.events.AttendeeAnswered} it confirms.
   */
  public static Notice aboutAnswers(
      NoticeKind kind, MeetingEvent event, Participant recipient, Answers answers) {
    return new Notice(kind, event, recipient, null, null, answers);
  }

  /**
   * Which confirmation, quorum alert or nudge a notice is, the same for every attempt at it.
   *
   * @param key names the message among the recipient's: the answer event's id, or the planned
   *     revision and lead time
   * @param minutesBefore for a message at a lead time before the start, how long before; -1
   *     otherwise
   * @param quorum the quorum the message reports; {@code null} for a confirmation
   */
  public record Answers(String key, int minutesBefore, Quorum quorum) {

    public Answers {
      Objects.requireNonNull(key, "key");
    }
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
