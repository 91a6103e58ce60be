package org.convene.notifier.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.convene.events.MeetingId;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.springframework.stereotype.Component;

/**
 * A meeting's reminder plan as the ops console's flow page shows it: every offset planned with its
 * due time, and which of them still wait for their trigger. Read-only.
 */
@Component
public class ReminderSchedules {

  private final Scheduler scheduler;
  private final ReminderProperties properties;

  ReminderSchedules(Scheduler scheduler, ReminderProperties properties) {
    this.scheduler = scheduler;
    this.properties = properties;
  }

  /** The meeting's plan, or empty if none was made or it has expired. */
  public Optional<Schedule> of(MeetingId meetingId) {
    try {
      JobDetail job = scheduler.getJobDetail(ReminderKeys.job(meetingId));
      if (job == null) {
        return Optional.empty();
      }
      ReminderPlan plan = ReminderPlan.of(job);
      Map<Integer, Instant> waiting = new TreeMap<>();
      for (Trigger trigger : scheduler.getTriggersOfJob(job.getKey())) {
        PlannedReminder.of(meetingId, trigger)
            .ifPresent(
                reminder ->
                    waiting.put(
                        reminder.minutesBefore(),
                        trigger.getNextFireTime() == null
                            ? reminder.dueAt()
                            : trigger.getNextFireTime().toInstant()));
      }
      return Optional.of(new Schedule(plan.revision(), plan.dueAt(), waiting));
    } catch (SchedulerException e) {
      throw new IllegalStateException("Cannot read the reminder plan of meeting " + meetingId, e);
    }
  }

  /** How late a reminder may fire and still go out; later, it is recorded as missed. */
  public Duration grace() {
    return properties.grace();
  }

  /**
   * @param plannedRevision the newest revision the plan follows
   * @param dueAt each planned offset's due time, by minutes before the start: those waiting and
   *     those that have fired
   * @param waiting the offsets whose triggers have not fired yet, with when they fire
   */
  public record Schedule(
      long plannedRevision, Map<Integer, Instant> dueAt, Map<Integer, Instant> waiting) {}
}
