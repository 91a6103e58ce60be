package org.convene.notifier.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** When reminders are due and when their triggers fire: plain time arithmetic, no scheduler. */
final class ReminderTimes {

  /** A failed hand-over is tried again after a fifth of the grace, within these bounds. */
  static final Duration MIN_RETRY_INTERVAL = Duration.ofSeconds(1);

  static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(1);

  private ReminderTimes() {}

  /**
   * When a reminder is due: the start, a wall-clock time in the meeting's zone, minus the offset as
   * elapsed time (so "1 day before" is 24 hours before, also across a DST change). A start that
   * falls in a DST gap is taken as the same wall-clock time after the gap, and one that occurs
   * twice in an overlap as the first, as RFC 5545 and calendar clients read DTSTART.
   */
  static Instant dueAt(LocalDateTime start, ZoneId zone, int minutesBefore) {
    return start.atZone(zone).toInstant().minus(Duration.ofMinutes(minutesBefore));
  }

  /**
   * When the trigger of a reminder due at {@code dueAt} should fire, planned at {@code now}: at the
   * due time if that is ahead; at once if it passed no more than {@code grace} ago; never if it
   * passed before.
   */
  static Optional<Instant> fireAt(Instant dueAt, Instant now, Duration grace) {
    if (dueAt.isAfter(now)) {
      return Optional.of(dueAt);
    }
    return dueAt.plus(grace).isBefore(now) ? Optional.empty() : Optional.of(now);
  }

  /** Whether a reminder due at {@code dueAt} that fired at {@code firedAt} is too late to send. */
  static boolean missed(Instant dueAt, Instant firedAt, Duration grace) {
    return firedAt.isAfter(dueAt.plus(grace));
  }

  /**
   * How long after a failed hand-over it is tried again: often enough to be tried several times
   * within the grace.
   */
  static Duration retryInterval(Duration grace) {
    Duration fifth = grace.dividedBy(5);
    return fifth.compareTo(MIN_RETRY_INTERVAL) < 0
        ? MIN_RETRY_INTERVAL
        : fifth.compareTo(MAX_RETRY_INTERVAL) > 0 ? MAX_RETRY_INTERVAL : fifth;
  }

  /**
   * The offsets of a meeting in minutes, largest first, each once: the meeting's own, or the
   * defaults when it names none.
   *
   * @throws IllegalArgumentException naming an offset that is negative
   */
  static SortedSet<Integer> minutesBefore(
      Collection<Integer> meetings, Collection<Integer> defaults) {
    SortedSet<Integer> offsets = new TreeSet<>(Comparator.reverseOrder());
    for (Integer minutes : meetings.isEmpty() ? defaults : meetings) {
      if (minutes == null || minutes < 0) {
        throw new IllegalArgumentException(
            "a reminder offset must be zero or more minutes before the start: " + minutes);
      }
      offsets.add(minutes);
    }
    return offsets;
  }
}
