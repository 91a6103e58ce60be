package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.events.MeetingId;
import org.jspecify.annotations.Nullable;

/**
 * A sink in front of a notifier's own: it records every hand-over of an {@linkplain #intercept
 * intercepted} meeting, by the notifier instance that made it, in one list shared by every instance
 * of the test JVM, and passes every other meeting's on. It can be told to fail a meeting's first
 * hand-overs.
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
  private static final Set<MeetingId> intercepted = ConcurrentHashMap.newKeySet();

  private final String instance;
  private final ReminderSink notifiers;

  RecordingReminderSink(String instance, ReminderSink notifiers) {
    this.instance = instance;
    this.notifiers = notifiers;
  }

  /**
   * From now on the meeting's hand-overs are recorded here and never reach the notifier's sink (nor
   * its ledger, where the meeting may not even be recorded).
   */
  static TestMeeting intercept(TestMeeting meeting) {
    intercepted.add(meeting.meetingId());
    return meeting;
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
    if (!intercepted.contains(meetingId)) {
      notifiers.due(meetingId, plannedRevision, minutesBefore, dueAt);
      return;
    }
    record(meetingId, plannedRevision, minutesBefore, dueAt, null, "due");
  }

  @Override
  public void missed(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      Instant firedAt) {
    if (!intercepted.contains(meetingId)) {
      notifiers.missed(meetingId, plannedRevision, minutesBefore, dueAt, firedAt);
      return;
    }
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
