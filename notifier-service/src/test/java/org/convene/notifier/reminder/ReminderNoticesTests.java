package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.notifier.invitation.NoticeKind;
import org.convene.notifier.reminder.ReminderNotices.Decision;
import org.convene.notifier.reminder.ReminderNotices.OwedReminder;
import org.junit.jupiter.api.Test;

/** What an owed reminder becomes when a dispatcher gets to it, against a fixed clock. */
class ReminderNoticesTests {

  static final String ZONE = "Europe/Berlin";

  /**
   * The meeting starts an hour after "now"; its 30-minute reminder is due half an hour from now.
   */
  static final Instant NOW = Instant.parse("2031-03-04T09:00:00Z");

  static final LocalDateTime START =
      LocalDateTime.ofInstant(NOW.plus(Duration.ofHours(1)), ZoneId.of(ZONE));
  static final Instant DUE = NOW.plus(Duration.ofMinutes(30));

  private final TestMeeting meeting = new TestMeeting(START, ZONE, List.of(30));

  @Test
  void aReminderStillDueBecomesAReminderOfTheMeetingAsItStands() {
    MeetingScheduled scheduled = meeting.scheduled();

    Decision decision = notices(NOW).decide(owed("li.na", DUE), scheduled, Set.of());

    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Send.class,
            send -> {
              assertThat(send.notice().kind()).isEqualTo(NoticeKind.REMINDER);
              assertThat(send.notice().recipient().email()).startsWith("li.na@");
              assertThat(send.notice().reminder().minutesBefore()).isEqualTo(30);
              assertThat(send.notice().reminder().plannedRevision()).isEqualTo(1);
            });
  }

  @Test
  void aReminderIsGivenUpOnceTheMeetingHasStarted() {
    MeetingScheduled scheduled = meeting.scheduled();
    Instant start = DUE.plus(Duration.ofMinutes(30));

    assertThat(notices(start.minusSeconds(1)).decide(owed("li.na", DUE), scheduled, Set.of()))
        .isInstanceOf(Decision.Send.class);
    assertThat(notices(start).decide(owed("li.na", DUE), scheduled, Set.of()))
        .isEqualTo(new Decision.Fail("The meeting started before the reminder could be sent"));
  }

  @Test
  void aReminderOfAMeetingMovedSinceItFiredIsSupersededByTheRevisionThatMovedIt() {
    meeting.scheduled();
    var moved = meeting.rescheduledTo(START.plusHours(3));

    assertThat(notices(NOW).decide(owed("li.na", DUE), moved, Set.of()))
        .isEqualTo(new Decision.Supersede(moved.revision()));
  }

  @Test
  void aReminderWhoseOffsetWasDroppedOrWhoseMeetingWasCancelledIsSuperseded() {
    meeting.scheduled();
    var dropped = meeting.remindersChangedTo(List.of(60));
    assertThat(notices(NOW).decide(owed("li.na", DUE), dropped, Set.of()))
        .isEqualTo(new Decision.Supersede(dropped.revision()));

    var cancelled = meeting.cancelled();
    assertThat(notices(NOW).decide(owed("li.na", DUE), cancelled, Set.of()))
        .isEqualTo(new Decision.Supersede(cancelled.revision()));
  }

  @Test
  void aRecipientNoLongerInTheMeetingGetsNoReminder() {
    MeetingScheduled scheduled = meeting.scheduled();

    assertThat(notices(NOW).decide(owed("someone.else", DUE), scheduled, Set.of()))
        .isEqualTo(new Decision.Supersede(scheduled.revision()));
  }

  @Test
  void whoeverDeclinedOrDelegatedAfterTheHandOverGetsNoReminderButTheOthersDo() {
    MeetingScheduled scheduled = meeting.scheduled();
    Set<String> absent = Set.of(owed("li.na", DUE).recipient());

    assertThat(notices(NOW).decide(owed("li.na", DUE), scheduled, absent))
        .isEqualTo(new Decision.Supersede(scheduled.revision()));
    assertThat(notices(NOW).decide(owed("shen.jie", DUE), scheduled, absent))
        .isInstanceOf(Decision.Send.class);
  }

  @Test
  void whoIsAbsentIsAskedOnceForAllTheMeetingsOfABatchAndNotAtAllWithoutReminders() {
    List<java.util.Collection<MeetingId>> asked = new java.util.ArrayList<>();
    ReminderNotices notices =
        new ReminderNotices(
            properties(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            meetingIds -> {
              asked.add(List.copyOf(meetingIds));
              return Map.of(meeting.meetingId(), Set.of("li.na@example.org"));
            });

    assertThat(notices.absent(Set.of())).isEmpty();
    assertThat(notices.absent(Set.of(meeting.meetingId())))
        .containsEntry(meeting.meetingId(), Set.of("li.na@example.org"));
    assertThat(asked).containsExactly(List.of(meeting.meetingId()));
  }

  @Test
  void withoutAnyRecordedEventTheReminderFails() {
    assertThat(notices(NOW).decide(owed("li.na", DUE), null, Set.of()))
        .isInstanceOf(Decision.Fail.class);
  }

  @Test
  void ofSeveralOwedRemindersTheOneDueLastIsSent() {
    OwedReminder dayBefore = owed("li.na", DUE.minus(Duration.ofDays(1)));
    OwedReminder hourBefore = owed("li.na", DUE);

    assertThat(notices(NOW).newest(List.of(hourBefore, dayBefore))).isEqualTo(hourBefore);
    assertThat(notices(NOW).newest(List.of())).isNull();
  }

  private OwedReminder owed(String localPart, Instant dueAt) {
    return new OwedReminder(
        localPart + "@" + meeting.meeting().organiser().email().split("@")[1], 1, 30, dueAt);
  }

  private static ReminderNotices notices(Instant now) {
    return new ReminderNotices(
        properties(), Clock.fixed(now, ZoneOffset.UTC), meetingIds -> Map.of());
  }

  private static ReminderProperties properties() {
    return new ReminderProperties(
        List.of(Duration.ofHours(1)), Duration.ofMinutes(10), false, Duration.ofDays(7));
  }
}
