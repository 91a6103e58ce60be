package org.convene.notifier.reminder;

import java.time.Instant;
import org.convene.events.MeetingId;

/**
 * Where reminders go when their trigger fires. One reminder is identified by (meeting, planned
 * revision, minutes before, due at): the same reminder may be handed over more than once (a trigger
 * run again after its instance died, a failed hand-over retried), so implementations must do
 * nothing the second time, such as by keying what they record on those values.
 *
 * <p>An exception thrown here is retried: every fifth of the grace (at least a second, at most a
 * minute), up to {@value ReminderJob#MAX_ATTEMPTS} attempts; a retry later than the grace hands the
 * reminder over as {@linkplain #missed missed}. Calls come from the scheduler's worker threads, a
 * few at a time.
 */
public interface ReminderSink {

  /**
   * The reminder is due: remind the meeting's participants now.
   *
   * @param meetingId the meeting
   * @param plannedRevision the meeting revision that set this reminder's time; it changes only when
   *     the reminder moves
   * @param minutesBefore how long before the start the reminder is meant to arrive
   * @param dueAt when it was meant to go out: the start, in the meeting's zone, minus the offset
   */
  void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt);

  /**
   * The reminder fired later than its due time plus the grace (no instance ran meanwhile): it is
   * not to be sent, only recorded.
   *
   * @param firedAt when the trigger finally fired
   */
  void missed(
      MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt, Instant firedAt);
}
