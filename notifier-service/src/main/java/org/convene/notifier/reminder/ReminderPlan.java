package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.convene.events.MeetingId;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;

/**
 * What was planned for a meeting, kept as its Quartz job: the revision of the last event planned,
 * and the due time of each reminder that has a trigger or has already fired, by offset. A reminder
 * in the plan without a trigger has gone out (or was missed) and is not planned again for the same
 * time.
 *
 * @param revision the revision of the newest event planned: older events are ignored
 * @param dueAt when each planned reminder is due, by minutes before the start
 * @param quorumDueAt when each planned quorum check is due, by minutes before the start
 */
record ReminderPlan(
    MeetingId meetingId,
    long revision,
    Map<Integer, Instant> dueAt,
    Map<Integer, Instant> quorumDueAt) {

  ReminderPlan {
    Objects.requireNonNull(meetingId, "meetingId");
    dueAt = Collections.unmodifiableMap(new TreeMap<>(dueAt));
    quorumDueAt = Collections.unmodifiableMap(new TreeMap<>(quorumDueAt));
  }

  /** A plan of reminders only. */
  ReminderPlan(MeetingId meetingId, long revision, Map<Integer, Instant> dueAt) {
    this(meetingId, revision, dueAt, Map.of());
  }

  /**
   * The job that holds the plan. Not durable: Quartz deletes it after its last trigger, the plan's
   * expiry, has fired. It asks for recovery, so that a reminder being handed over by an instance
   * that dies is run again by another.
   */
  JobDetail job() {
    JobDataMap data = new JobDataMap();
    data.put(ReminderKeys.MEETING_ID, meetingId.toString());
    data.put(ReminderKeys.REVISION, Long.toString(revision));
    dueAt.forEach((minutes, due) -> data.put(ReminderKeys.DUE_AT_PREFIX + minutes, due.toString()));
    quorumDueAt.forEach(
        (minutes, due) -> data.put(ReminderKeys.QUORUM_DUE_AT_PREFIX + minutes, due.toString()));
    return JobBuilder.newJob(ReminderJob.class)
        .withIdentity(ReminderKeys.job(meetingId))
        .withDescription("Reminders of meeting " + meetingId)
        .storeDurably(false)
        .requestRecovery(true)
        .usingJobData(data)
        .build();
  }

  static ReminderPlan of(JobDetail job) {
    JobDataMap data = job.getJobDataMap();
    Map<Integer, Instant> dueAt = new TreeMap<>();
    Map<Integer, Instant> quorumDueAt = new TreeMap<>();
    for (String key : data.getKeys()) {
      if (key.startsWith(ReminderKeys.DUE_AT_PREFIX)) {
        dueAt.put(
            Integer.valueOf(key.substring(ReminderKeys.DUE_AT_PREFIX.length())),
            Instant.parse(data.getString(key)));
      } else if (key.startsWith(ReminderKeys.QUORUM_DUE_AT_PREFIX)) {
        quorumDueAt.put(
            Integer.valueOf(key.substring(ReminderKeys.QUORUM_DUE_AT_PREFIX.length())),
            Instant.parse(data.getString(key)));
      }
    }
    return new ReminderPlan(
        MeetingId.parse(data.getString(ReminderKeys.MEETING_ID)),
        Long.parseLong(data.getString(ReminderKeys.REVISION)),
        dueAt,
        quorumDueAt);
  }
}
