package org.convene.notifier.reminder;

import java.time.Duration;
import java.time.Instant;
import org.convene.events.MeetingId;
import org.convene.notifier.MeetingLogContext;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs when a meeting's trigger fires: hands a reminder to the {@link ReminderSink}, as due if it
 * fired within the grace after its due time, as missed if later. Created by Spring for each run.
 *
 * <p>A trigger that fires twice (run again after its instance died) hands the same reminder over
 * twice, which the sink ignores. A hand-over that fails is tried again by rescheduling the same
 * trigger, until it succeeds, or is missed, or {@value #MAX_ATTEMPTS} attempts have failed.
 */
class ReminderJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

  static final int MAX_ATTEMPTS = 30;

  private final ReminderSink sink;
  private final ReminderProperties properties;
  private final TransactionTemplate transactions;
  private final QuorumCheckSink quorumChecks;
  private final QuorumAlertProperties quorumAlerts;

  ReminderJob(
      ReminderSink sink,
      ReminderProperties properties,
      PlatformTransactionManager transactionManager,
      QuorumCheckSink quorumChecks,
      QuorumAlertProperties quorumAlerts) {
    this.sink = sink;
    this.properties = properties;
    this.transactions = new TransactionTemplate(transactionManager);
    this.quorumChecks = quorumChecks;
    this.quorumAlerts = quorumAlerts;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    MeetingId meetingId =
        MeetingId.parse(context.getJobDetail().getJobDataMap().getString(ReminderKeys.MEETING_ID));
    PlannedReminder reminder =
        PlannedReminder.planned(meetingId, context.getTrigger()).orElse(null);
    if (reminder == null) {
      // The plan's expiry: the job, not durable, goes with its last trigger.
      return;
    }
    Instant firedAt = context.getFireTime().toInstant();
    try (MeetingLogContext logContext =
        MeetingLogContext.of(meetingId, reminder.plannedRevision(), null)) {
      try {
        handOver(reminder, firedAt);
      } catch (RuntimeException failure) {
        retry(context.getScheduler(), reminder, firedAt, failure);
      }
    }
  }

  private void handOver(PlannedReminder reminder, Instant firedAt) {
    if (reminder.quorumCheck()) {
      checkQuorum(reminder, firedAt);
      return;
    }
    if (ReminderTimes.missed(reminder.dueAt(), firedAt, properties.grace())) {
      sink.missed(
          reminder.meetingId(),
          reminder.plannedRevision(),
          reminder.minutesBefore(),
          reminder.dueAt(),
          firedAt);
    } else {
      sink.due(
          reminder.meetingId(),
          reminder.plannedRevision(),
          reminder.minutesBefore(),
          reminder.dueAt());
    }
  }

  /**
   * A quorum check too late to be useful (no instance ran within its grace) is skipped, not sent
   * late: an alert that the quorum is at risk 48 hours before means little a day later, and the
   * next lead time's check still comes.
   */
  private void checkQuorum(PlannedReminder check, Instant firedAt) {
    if (ReminderTimes.missed(check.dueAt(), firedAt, quorumAlerts.grace())) {
      log.warn(
          "Quorum check {} minutes before meeting {} due at {} fired {} late, beyond the grace of {}: skipped",
          check.minutesBefore(),
          check.meetingId(),
          check.dueAt(),
          Duration.between(check.dueAt(), firedAt),
          quorumAlerts.grace());
      return;
    }
    quorumChecks.due(
        check.meetingId(), check.plannedRevision(), check.minutesBefore(), check.dueAt());
  }

  /**
   * Reschedules the trigger that is firing: Quartz keeps a trigger rescheduled while it runs. The
   * retry is late by more, so it is handed over as missed once past the grace.
   */
  private void retry(
      Scheduler scheduler, PlannedReminder reminder, Instant firedAt, RuntimeException failure)
      throws JobExecutionException {
    String what =
        "the reminder "
            + reminder.minutesBefore()
            + " minutes before meeting "
            + reminder.meetingId()
            + " due at "
            + reminder.dueAt();
    if (reminder.attempt() + 1 >= MAX_ATTEMPTS) {
      throw new JobExecutionException(
          "Gave up handing over " + what + " after " + MAX_ATTEMPTS + " attempts", failure, false);
    }
    Duration interval = ReminderTimes.retryInterval(properties.grace());
    Trigger next = reminder.nextAttempt().trigger(firedAt.plus(interval));
    try {
      transactions.executeWithoutResult(status -> reschedule(scheduler, next));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      throw new JobExecutionException(
          "Cannot hand over " + what + ", nor try again", failure, false);
    }
    log.warn(
        "Cannot hand over {} (attempt {}); trying again in {}",
        what,
        reminder.attempt() + 1,
        interval,
        failure);
  }

  private static void reschedule(Scheduler scheduler, Trigger next) {
    try {
      // A trigger run again after its instance died has a key of Quartz's own: the retry takes the
      // reminder's.
      if (scheduler.rescheduleJob(next.getKey(), next) == null) {
        scheduler.scheduleJob(next);
      }
    } catch (SchedulerException e) {
      throw new ReminderPlanningException("Cannot reschedule " + next.getKey(), e);
    }
  }
}
