package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.convene.events.MeetingId;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

/**
 * A meeting's pending reminders for operators, at {@code /actuator/reminders/{meetingId}}: each
 * offset with its due and fire times, the revision that planned it and its trigger's state; 404
 * when nothing was planned for the meeting (or its plan has expired). Exposed like any actuator
 * endpoint ({@code management.endpoints.web.exposure.include}); meant for the ops role once the
 * actuator is secured.
 */
@Component
@Endpoint(id = "reminders")
class RemindersEndpoint {

  private final Scheduler scheduler;

  RemindersEndpoint(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * @param meetingId the meeting's id, a UUID
   */
  @ReadOperation
  public @Nullable MeetingReminders reminders(@Selector String meetingId)
      throws SchedulerException {
    MeetingId meeting = meeting(meetingId);
    JobDetail job = scheduler.getJobDetail(ReminderKeys.job(meeting));
    if (job == null) {
      return null;
    }
    ReminderPlan plan = ReminderPlan.of(job);
    List<PendingReminder> pending = new ArrayList<>();
    Instant keptUntil = null;
    for (Trigger trigger : scheduler.getTriggersOfJob(job.getKey())) {
      if (trigger.getKey().equals(ReminderKeys.expiry(meeting))) {
        keptUntil = instant(trigger.getNextFireTime());
        continue;
      }
      PlannedReminder reminder = PlannedReminder.of(meeting, trigger).orElse(null);
      if (reminder != null) {
        pending.add(
            new PendingReminder(
                reminder.minutesBefore(),
                reminder.dueAt(),
                instant(trigger.getNextFireTime()),
                reminder.plannedRevision(),
                scheduler.getTriggerState(trigger.getKey()).name(),
                reminder.attempt()));
      }
    }
    pending.sort(Comparator.comparing(PendingReminder::minutesBefore).reversed());
    return new MeetingReminders(meeting.toString(), plan.revision(), keptUntil, pending);
  }

  /**
   * @param plannedRevision the newest revision of the meeting that was planned
   * @param keptUntil when the plan is dropped (the retention after the meeting's end or
   *     cancellation)
   * @param pending the reminders still to fire, largest offset first
   */
  public record MeetingReminders(
      String meetingId,
      long plannedRevision,
      @Nullable Instant keptUntil,
      List<PendingReminder> pending) {}

  /**
   * @param fireAt when the trigger fires next: the due time, or sooner for a reminder that was late
   *     when planned, or later for a failed hand-over tried again
   * @param plannedRevision the revision that set the due time
   * @param state the trigger's Quartz state (NORMAL while waiting)
   * @param failedAttempts hand-overs that failed before
   */
  public record PendingReminder(
      int minutesBefore,
      Instant dueAt,
      @Nullable Instant fireAt,
      long plannedRevision,
      String state,
      int failedAttempts) {}

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }

  private static MeetingId meeting(String meetingId) {
    try {
      return MeetingId.parse(meetingId.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(
          "meetingId is not a UUID: " + meetingId, "bad meetingId");
    }
  }
}
