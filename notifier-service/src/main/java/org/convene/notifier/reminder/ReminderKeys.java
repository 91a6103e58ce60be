package org.convene.notifier.reminder;

import org.convene.events.MeetingId;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/**
 * Where a meeting's reminders live in the Quartz job store: one job per meeting holding its plan,
 * one trigger per (meeting, offset) named {@code <meetingId>/<minutesBefore>} in group {@value
 * #REMINDERS}, never one per recipient, and one trigger in group {@value #PLANS} that keeps the
 * plan until it expires.
 */
final class ReminderKeys {

  /** The meetings' jobs and their reminder triggers. */
  static final String REMINDERS = "reminders";

  /** The meetings' quorum checks at lead times before the start; same job as their reminders. */
  static final String QUORUM_CHECKS = "quorum-checks";

  /** The triggers that keep each meeting's plan (the job) until it expires. */
  static final String PLANS = "reminder-plans";

  // Job data. Strings only: the job store keeps them as properties
  // (org.quartz.jobStore.useProperties).
  static final String MEETING_ID = "meetingId";
  static final String REVISION = "revision";
  static final String DUE_AT_PREFIX = "dueAt.";
  static final String KIND = "kind";
  static final String KIND_REMINDER = "reminder";
  static final String KIND_EXPIRY = "expiry";
  static final String KIND_QUORUM_CHECK = "quorum-check";
  static final String QUORUM_DUE_AT_PREFIX = "quorumDueAt.";
  static final String MINUTES_BEFORE = "minutesBefore";
  static final String DUE_AT = "dueAt";
  static final String ATTEMPT = "attempt";

  private ReminderKeys() {}

  static JobKey job(MeetingId meetingId) {
    return JobKey.jobKey(meetingId.toString(), REMINDERS);
  }

  static TriggerKey reminder(MeetingId meetingId, int minutesBefore) {
    return TriggerKey.triggerKey(meetingId + "/" + minutesBefore, REMINDERS);
  }

  static TriggerKey quorumCheck(MeetingId meetingId, int minutesBefore) {
    return TriggerKey.triggerKey(meetingId + "/" + minutesBefore, QUORUM_CHECKS);
  }

  static TriggerKey expiry(MeetingId meetingId) {
    return TriggerKey.triggerKey(meetingId.toString(), PLANS);
  }
}
