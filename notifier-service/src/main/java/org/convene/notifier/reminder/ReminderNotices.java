package org.convene.notifier.reminder;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.notifier.invitation.Notice;
import org.springframework.stereotype.Component;

/**
 * What a reminder owed to one recipient becomes when it is sent: a notice of the meeting as it
 * stands now, or nothing, if the meeting moved, dropped the offset or the recipient since the
 * reminder fired, or has started, or if the recipient has since declined or delegated. The rules
 * the sending side asks about reminders, kept with the planning that made them.
 */
@Component
public class ReminderNotices {

  private final ReminderProperties properties;
  private final Clock clock;
  private final AbsentAttendees absentAttendees;

  public ReminderNotices(
      ReminderProperties properties, Clock clock, AbsentAttendees absentAttendees) {
    this.properties = properties;
    this.clock = clock;
    this.absentAttendees = absentAttendees;
  }

  /**
   * One reminder owed to one recipient, as the ledger has it.
   *
   * @param recipient the mailbox key
   * @param plannedRevision the revision that set the reminder's time
   * @param dueAt when it was meant to go out
   */
  public record OwedReminder(
      String recipient, long plannedRevision, int minutesBefore, Instant dueAt) {

    public OwedReminder {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(dueAt, "dueAt");
    }
  }

  /** What to do with one owed reminder. */
  public sealed interface Decision {

    /** Send this notice. */
    record Send(Notice notice) implements Decision {}

    /**
     * Never send it: the meeting as it stands at revision {@code by} no longer has it for this
     * recipient.
     */
    record Supersede(long by) implements Decision {}

    /** Give it up, for this reason. */
    record Fail(String reason) implements Decision {}
  }

  /**
   * The one reminder to send of those owed to one recipient: the one due last. The others (whose
   * attempts were deferred until the next fell due) are superseded by it: one reminder at a time.
   *
   * @return {@code null} if none is owed
   */
  public OwedReminder newest(List<OwedReminder> owed) {
    OwedReminder newest = null;
    for (OwedReminder reminder : owed) {
      if (newest == null || reminder.dueAt().isAfter(newest.dueAt())) {
        newest = reminder;
      }
    }
    return newest;
  }

  /**
   * Who of these meetings' people will not attend, by their latest answer, as {@link
   * #decide(OwedReminder, MeetingEvent, Set)} takes them: asked once for a whole batch.
   */
  public Map<MeetingId, Set<String>> absent(Collection<MeetingId> meetingIds) {
    return meetingIds.isEmpty() ? Map.of() : absentAttendees.absent(meetingIds);
  }

  /**
   * A reminder of the meeting as {@code latest} has it, to a recipient who still gets its
   * reminders; superseded if the meeting was cancelled, moved or dropped the offset, or the
   * recipient was removed since it fired, or declined or delegated (by the meeting as it stands: an
   * answer does not revise it); failed once the meeting has started.
   *
   * @param latest the meeting's newest recorded event, {@code null} if none is recorded or readable
   * @param absent the mailbox keys of the meeting's people whose latest answer is a decline or a
   *     delegation ({@link #absent(Collection)})
   */
  public Decision decide(OwedReminder reminder, MeetingEvent latest, Set<String> absent) {
    if (latest == null) {
      return new Decision.Fail(
          "No event of the meeting is recorded or readable: replay it from the topic or its dead letters");
    }
    MeetingSnapshot meeting = latest.meeting();
    Participant recipient =
        ReminderRecipients.find(
            meeting, reminder.recipient(), properties.includeInformationCopies(), absent);
    if (recipient == null || !stillDue(meeting, reminder.minutesBefore(), reminder.dueAt())) {
      return new Decision.Supersede(latest.revision());
    }
    if (!clock
        .instant()
        .isBefore(reminder.dueAt().plus(Duration.ofMinutes(reminder.minutesBefore())))) {
      return new Decision.Fail("The meeting started before the reminder could be sent");
    }
    return new Decision.Send(
        Notice.reminder(
            latest,
            recipient,
            new Notice.Reminder(reminder.plannedRevision(), reminder.minutesBefore())));
  }

  /** Who gets the meeting's reminders as it stands, as mailbox keys. */
  List<Participant> recipients(MeetingSnapshot meeting) {
    return ReminderRecipients.of(meeting, properties.includeInformationCopies());
  }

  /**
   * Whether {@code meeting}, as it stands, has a reminder {@code minutesBefore} its start due at
   * {@code dueAt}: false once the meeting moved or dropped that offset since the reminder was
   * planned.
   */
  boolean stillDue(MeetingSnapshot meeting, int minutesBefore, Instant dueAt) {
    try {
      return ReminderTimes.minutesBefore(
                  meeting.reminderMinutesBefore(), properties.defaultMinutesBefore())
              .contains(minutesBefore)
          && ReminderTimes.dueAt(meeting.start(), ZoneId.of(meeting.timeZone()), minutesBefore)
              .equals(dueAt);
    } catch (IllegalArgumentException | DateTimeException e) {
      // Not plannable as it stands: the planner dropped its reminders.
      return false;
    }
  }
}
