package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.convene.events.MeetingId;
import org.quartz.JobDataMap;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * One reminder of one meeting, as its trigger carries it.
 *
 * @param plannedRevision the revision of the event that set its due time
 * @param attempt how many hand-overs failed before (0 on the first)
 * @param quorumCheck whether it is the meeting's quorum check at a lead time rather than a
 *     reminder: planned, moved and retried alike, handed to its own sink
 */
record PlannedReminder(
    MeetingId meetingId,
    int minutesBefore,
    Instant dueAt,
    long plannedRevision,
    int attempt,
    boolean quorumCheck) {

  PlannedReminder {
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** A reminder. */
  PlannedReminder(
      MeetingId meetingId, int minutesBefore, Instant dueAt, long plannedRevision, int attempt) {
    this(meetingId, minutesBefore, dueAt, plannedRevision, attempt, false);
  }

  /**
   * Its trigger, firing once at {@code fireAt}. A misfire (the trigger found later than the misfire
   * threshold, such as after every instance was down) fires it at once: the job then decides from
   * {@link #dueAt} whether it is still in time.
   */
  Trigger trigger(Instant fireAt) {
    JobDataMap data = new JobDataMap();
    data.put(
        ReminderKeys.KIND,
        quorumCheck ? ReminderKeys.KIND_QUORUM_CHECK : ReminderKeys.KIND_REMINDER);
    data.put(ReminderKeys.MINUTES_BEFORE, Integer.toString(minutesBefore));
    data.put(ReminderKeys.DUE_AT, dueAt.toString());
    data.put(ReminderKeys.REVISION, Long.toString(plannedRevision));
    data.put(ReminderKeys.ATTEMPT, Integer.toString(attempt));
    return TriggerBuilder.newTrigger()
        .withIdentity(
            quorumCheck
                ? ReminderKeys.quorumCheck(meetingId, minutesBefore)
                : ReminderKeys.reminder(meetingId, minutesBefore))
        .forJob(ReminderKeys.job(meetingId))
        .withDescription(
            (quorumCheck ? "Quorum check " : "Reminder ")
                + minutesBefore
                + " minutes before meeting "
                + meetingId)
        .startAt(Date.from(fireAt))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .usingJobData(data)
        .build();
  }

  /** The same reminder, to be tried again after a failed hand-over. */
  PlannedReminder nextAttempt() {
    return new PlannedReminder(
        meetingId, minutesBefore, dueAt, plannedRevision, attempt + 1, quorumCheck);
  }

  /** The reminder a trigger of {@code meetingId} carries, if it is one (not a quorum check). */
  static Optional<PlannedReminder> of(MeetingId meetingId, Trigger trigger) {
    return planned(meetingId, trigger).filter(planned -> !planned.quorumCheck());
  }

  /**
   * The reminder or quorum check a trigger of {@code meetingId} carries, if it is one (not the
   * plan's expiry).
   */
  static Optional<PlannedReminder> planned(MeetingId meetingId, Trigger trigger) {
    JobDataMap data = trigger.getJobDataMap();
    String kind = data.getString(ReminderKeys.KIND);
    boolean quorumCheck = ReminderKeys.KIND_QUORUM_CHECK.equals(kind);
    if (!ReminderKeys.KIND_REMINDER.equals(kind) && !quorumCheck) {
      return Optional.empty();
    }
    return Optional.of(
        new PlannedReminder(
            meetingId,
            Integer.parseInt(data.getString(ReminderKeys.MINUTES_BEFORE)),
            Instant.parse(data.getString(ReminderKeys.DUE_AT)),
            Long.parseLong(data.getString(ReminderKeys.REVISION)),
            Integer.parseInt(data.getString(ReminderKeys.ATTEMPT)),
            quorumCheck));
  }

  /** The trigger that keeps a meeting's plan until {@code expiresAt}; its firing does nothing. */
  static Trigger expiry(MeetingId meetingId, Instant expiresAt) {
    return TriggerBuilder.newTrigger()
        .withIdentity(ReminderKeys.expiry(meetingId))
        .forJob(ReminderKeys.job(meetingId))
        .withDescription("Keeps the reminder plan of meeting " + meetingId)
        .startAt(Date.from(expiresAt))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .usingJobData(ReminderKeys.KIND, ReminderKeys.KIND_EXPIRY)
        .build();
  }
}
