package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.events.MeetingId;
import org.jspecify.annotations.Nullable;

/**
 * A sink that records every hand-over, by the notifier instance that made it, in one list shared by
 * every instance of the test JVM; it can be told to fail a meeting's first hand-overs.
 */
final class RecordingReminderSink implements ReminderSink {

  /** One hand-over: {@code outcome} is due, missed or failed. */
  record Handover(
      String instance,
      String outcome,
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      @Nullable Instant firedAt,
      Instant at) {}

  private static final List<Handover> handovers = new CopyOnWriteArrayList<>();
  private static final Map<MeetingId, AtomicInteger> failures = new ConcurrentHashMap<>();

  private final String instance;

  RecordingReminderSink(String instance) {
    this.instance = instance;
  }

  /** Every hand-over of this meeting so far, in order, failed ones included. */
  static List<Handover> of(MeetingId meetingId) {
    return handovers.stream().filter(handover -> handover.meetingId().equals(meetingId)).toList();
  }

  /** Makes the next {@code times} hand-overs of this meeting throw. */
  static void failNext(MeetingId meetingId, int times) {
    failures.put(meetingId, new AtomicInteger(times));
  }

  @Override
  public void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {
    record(meetingId, plannedRevision, minutesBefore, dueAt, null, "due");
  }

  @Override
  public void missed(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      Instant firedAt) {
    record(meetingId, plannedRevision, minutesBefore, dueAt, firedAt, "missed");
  }

  private void record(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      @Nullable Instant firedAt,
      String outcome) {
    AtomicInteger failing = failures.get(meetingId);
    if (failing != null && failing.getAndDecrement() > 0) {
      handovers.add(
          new Handover(
              instance,
              "failed",
              meetingId,
              plannedRevision,
              minutesBefore,
              dueAt,
              firedAt,
              Instant.now()));
      throw new IllegalStateException(
          "Hand-over of meeting " + meetingId + " failed, as the test asked");
    }
    handovers.add(
        new Handover(
            instance,
            outcome,
            meetingId,
            plannedRevision,
            minutesBefore,
            dueAt,
            firedAt,
            Instant.now()));
  }
}
