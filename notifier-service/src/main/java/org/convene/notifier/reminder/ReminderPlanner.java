package org.convene.notifier.reminder;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a meeting's reminder triggers in step with its events: one trigger per offset, due at the
 * start in the meeting's zone minus the offset; created when the meeting is scheduled, moved when
 * it is rescheduled, added and removed as its offsets change, all removed when it is cancelled.
 *
 * <p>A reminder whose time has passed is skipped, unless it passed within the grace: then it fires
 * at once. A skipped reminder is recorded ({@link UnplannedReminders}), so that the flow page can
 * say why nobody was reminded. One that has already gone out is not planned again for the same
 * time. An event no newer than the plan (Kafka redelivers) changes nothing.
 */
@Component
class ReminderPlanner {

  private static final Logger log = LoggerFactory.getLogger(ReminderPlanner.class);

  /** What planning an event did. */
  enum Outcome {
    /** The plan follows the event now. */
    PLANNED,
    /** The plan already follows this revision or a newer one: nothing changed. */
    STALE
  }

  private final Scheduler scheduler;
  private final ReminderProperties properties;
  private final QuorumAlertProperties quorumAlerts;
  private final UnplannedReminders unplanned;
  private final Clock clock;

  @Autowired
  ReminderPlanner(
      Scheduler scheduler,
      ReminderProperties properties,
      QuorumAlertProperties quorumAlerts,
      UnplannedReminders unplanned,
      Clock clock) {
    this.scheduler = scheduler;
    this.properties = properties;
    this.quorumAlerts = quorumAlerts;
    this.unplanned = unplanned;
    this.clock = clock;
  }

  /** A planner of reminders only, no quorum checks. */
  ReminderPlanner(
      Scheduler scheduler,
      ReminderProperties properties,
      UnplannedReminders unplanned,
      Clock clock) {
    this(scheduler, properties, QuorumAlertProperties.none(), unplanned, clock);
  }

  /**
   * Plans the reminders after {@code event}. One transaction: the job store's row lock is held
   * until the plan and all its triggers are written, and a failure leaves the previous plan whole.
   *
   * @throws UnplannableMeetingException if the meeting's time zone or offsets make no sense
   * @throws ReminderPlanningException if the job store fails
   */
  @Transactional
  public Outcome plan(MeetingEvent event) {
    try {
      return planOrFail(event);
    } catch (SchedulerException e) {
      throw new ReminderPlanningException(
          "Cannot plan the reminders of meeting "
              + event.meetingId()
              + " at revision "
              + event.revision(),
          e);
    }
  }

  private Outcome planOrFail(MeetingEvent event) throws SchedulerException {
    MeetingId meetingId = event.meetingId();
    JobKey jobKey = ReminderKeys.job(meetingId);
    JobDetail stored = scheduler.getJobDetail(jobKey);
    ReminderPlan previous = stored == null ? null : ReminderPlan.of(stored);
    if (previous != null && previous.revision() >= event.revision()) {
      log.info(
          "Reminders already planned for revision {}: revision {} changes nothing",
          previous.revision(),
          event.revision());
      return Outcome.STALE;
    }

    Instant now = clock.instant();
    MeetingSnapshot meeting = event.meeting();
    ZoneId zone = zone(meetingId, meeting);
    List<Trigger> added = new ArrayList<>();
    List<Trigger> moved = new ArrayList<>();
    List<TriggerKey> removed = new ArrayList<>();
    boolean cancelled = cancelled(event);
    Map<Integer, Instant> dropped = new TreeMap<>();
    Map<Integer, Instant> planned =
        planTrack(
            event,
            zone,
            now,
            cancelled ? List.of() : offsets(meetingId, meeting),
            false,
            previous == null ? null : previous.dueAt(),
            added,
            moved,
            removed,
            dropped);
    // The quorum checks follow the meeting's time as its reminders do: moved when it moves, dropped
    // when it is cancelled; one already due when the meeting is scheduled or moved is skipped.
    Map<Integer, Instant> quorumPlanned =
        planTrack(
            event,
            zone,
            now,
            cancelled ? List.of() : quorumAlerts.leadMinutes(),
            true,
            previous == null ? null : previous.quorumDueAt(),
            added,
            moved,
            removed,
            new TreeMap<>());

    JobDetail job = new ReminderPlan(meetingId, event.revision(), planned, quorumPlanned).job();
    Trigger expiry = expiry(meetingId, meeting, zone, now);
    if (stored == null) {
      // A meeting's first plan, the usual case: the job and all its triggers in one call of the
      // job store, which takes its lock once instead of once per trigger.
      List<Trigger> triggers = new ArrayList<>(added);
      triggers.add(expiry);
      scheduler.scheduleJob(job, Set.copyOf(triggers), true);
    } else {
      // The job first: a trigger needs its job.
      scheduler.addJob(job, true, true);
      for (TriggerKey key : removed) {
        scheduler.unscheduleJob(key);
      }
      for (Trigger trigger : moved) {
        scheduler.rescheduleJob(trigger.getKey(), trigger);
      }
      for (Trigger trigger : added) {
        scheduler.scheduleJob(trigger);
      }
      if (scheduler.rescheduleJob(expiry.getKey(), expiry) == null) {
        scheduler.scheduleJob(expiry);
      }
    }
    dropped.forEach(
        (minutesBefore, dueAt) ->
            unplanned.record(meetingId, event.revision(), minutesBefore, dueAt, now));
    log.info(
        "Reminders planned for revision {}: {} added, {} moved, {} removed; due {}, quorum checks"
            + " {}; not planned (already past) {}",
        event.revision(),
        added.size(),
        moved.size(),
        removed.size(),
        planned,
        quorumPlanned,
        dropped);
    return Outcome.PLANNED;
  }

  /**
   * Plans one track of triggers (the reminders, or the quorum checks) for the meeting as the event
   * has it: adds, moves and removes triggers, and returns when each planned one is due, by offset.
   * Those whose time has passed beyond the grace go into {@code dropped}, with their due time.
   * {@code previousDueAt} is {@code null} when the meeting has no plan yet.
   */
  private Map<Integer, Instant> planTrack(
      MeetingEvent event,
      ZoneId zone,
      Instant now,
      List<Integer> offsets,
      boolean quorumCheck,
      Map<Integer, Instant> previousDueAt,
      List<Trigger> added,
      List<Trigger> moved,
      List<TriggerKey> removed,
      Map<Integer, Instant> dropped)
      throws SchedulerException {
    MeetingId meetingId = event.meetingId();
    MeetingSnapshot meeting = event.meeting();
    // A meeting without a plan has no triggers to read.
    Map<Integer, Trigger> pending =
        previousDueAt == null
            ? new HashMap<>()
            : pending(
                meetingId,
                ReminderKeys.job(meetingId),
                quorumCheck ? ReminderKeys.QUORUM_CHECKS : ReminderKeys.REMINDERS);
    Map<Integer, Instant> planned = new TreeMap<>();
    // A reminder a little late when its meeting is planned still helps: the meeting is near. A
    // quorum check already due then does not: nobody has had the invitation long enough to answer,
    // so its alert would only echo the invitation and its nudges would press people who got it a
    // second ago. The checks' grace covers a notifier that was down when a planned check fell due.
    Duration grace = quorumCheck ? Duration.ZERO : properties.grace();
    for (int minutesBefore : offsets) {
      Instant dueAt = ReminderTimes.dueAt(meeting.start(), zone, minutesBefore);
      Trigger current = pending.remove(minutesBefore);
      boolean unchanged =
          current != null
              && dueAt.equals(PlannedReminder.planned(meetingId, current).orElseThrow().dueAt());
      boolean goneOut =
          current == null
              && previousDueAt != null
              && dueAt.equals(previousDueAt.get(minutesBefore));
      if (unchanged || goneOut) {
        planned.put(minutesBefore, dueAt);
        continue;
      }
      Optional<Instant> fireAt = ReminderTimes.fireAt(dueAt, now, grace);
      if (fireAt.isEmpty()) {
        if (current != null) {
          removed.add(current.getKey());
        }
        dropped.put(minutesBefore, dueAt);
        continue;
      }
      Trigger trigger =
          new PlannedReminder(meetingId, minutesBefore, dueAt, event.revision(), 0, quorumCheck)
              .trigger(fireAt.get());
      (current == null ? added : moved).add(trigger);
      planned.put(minutesBefore, dueAt);
    }
    pending.values().forEach(trigger -> removed.add(trigger.getKey()));
    return planned;
  }

  /** The meeting's triggers of one group (reminders, or quorum checks), by offset. */
  private Map<Integer, Trigger> pending(MeetingId meetingId, JobKey jobKey, String group)
      throws SchedulerException {
    Map<Integer, Trigger> pending = new HashMap<>();
    for (Trigger trigger : scheduler.getTriggersOfJob(jobKey)) {
      if (trigger.getKey().getGroup().equals(group)) {
        PlannedReminder.planned(meetingId, trigger)
            .ifPresent(reminder -> pending.put(reminder.minutesBefore(), trigger));
      }
    }
    return pending;
  }

  /**
   * The trigger that keeps the plan until the retention has passed after the meeting's end, or
   * after now if the meeting is over: a cancelled meeting too, so that no older event brings its
   * reminders back.
   */
  private Trigger expiry(MeetingId meetingId, MeetingSnapshot meeting, ZoneId zone, Instant now) {
    Instant end = meeting.end().atZone(zone).toInstant();
    Instant expiresAt = (end.isAfter(now) ? end : now).plus(properties.planRetention());
    return PlannedReminder.expiry(meetingId, expiresAt);
  }

  private List<Integer> offsets(MeetingId meetingId, MeetingSnapshot meeting) {
    try {
      return List.copyOf(
          ReminderTimes.minutesBefore(
              meeting.reminderMinutesBefore(), properties.defaultMinutesBefore()));
    } catch (IllegalArgumentException e) {
      throw new UnplannableMeetingException(
          "Meeting "
              + meetingId
              + " has a reminder offset that cannot be planned: "
              + e.getMessage(),
          e);
    }
  }

  private static ZoneId zone(MeetingId meetingId, MeetingSnapshot meeting) {
    try {
      return ZoneId.of(meeting.timeZone());
    } catch (DateTimeException e) {
      throw new UnplannableMeetingException(
          "Meeting "
              + meetingId
              + " has a time zone that is not an IANA zone id: '"
              + meeting.timeZone()
              + "'",
          e);
    }
  }

  private static boolean cancelled(MeetingEvent event) {
    return event instanceof MeetingCancelled || event.meeting().status() == MeetingStatus.CANCELLED;
  }
}
