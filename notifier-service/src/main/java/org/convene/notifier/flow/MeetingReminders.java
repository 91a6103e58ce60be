package org.convene.notifier.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A meeting's reminders on the flow page: each reminder planned, fired or missed, and who was left
 * out of one that fired and why.
 *
 * @param plannedRevision the revision the plan follows, or {@code null} when no plan is kept (none
 *     made, or expired after the meeting)
 * @param skipped per recipient (mailbox), the reminders that fired without them
 */
record MeetingReminders(
    @Nullable Long plannedRevision, List<Reminder> reminders, Map<String, List<Skipped>> skipped) {

  /**
   * One reminder: an offset before the start, as planned by one revision.
   *
   * @param state PLANNED (its trigger waits), FIRED (handed over: messages owed or sent), MISSED
   *     (fired later than its grace allows: recorded, not sent), FIRED_EMPTY (fired with nobody to
   *     remind), or NOT_PLANNED (its time had already passed when the revision was planned)
   * @param firedAt when it fired (its messages were recorded), or when it will
   * @param explanation the reminder in one sentence, with why for a missed one
   * @param notPlannedAt for a NOT_PLANNED one, when the revision that dropped it was planned
   */
  record Reminder(
      int minutesBefore,
      long plannedRevision,
      Instant dueAt,
      String state,
      @Nullable Instant firedAt,
      long sent,
      long owed,
      long failed,
      long missed,
      String explanation,
      @Nullable Instant notPlannedAt) {}

  /** A reminder that fired without this recipient, and why. */
  record Skipped(int minutesBefore, long plannedRevision, String why) {}

  /** The reminders that fired without this recipient (a mailbox), for the page. */
  public List<Skipped> skippedOf(String recipient) {
    return skipped.getOrDefault(recipient, List.of());
  }
}
