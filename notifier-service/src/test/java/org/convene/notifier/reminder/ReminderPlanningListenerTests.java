package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.convene.events.MeetingEvent;
import org.convene.notifier.ReceivedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

class ReminderPlanningListenerTests {

  private final TestMeeting meeting =
      new TestMeeting(LocalDateTime.parse("2027-03-01T09:00"), "Asia/Shanghai", List.of(60));

  @Test
  void
      noConnectionForThePlanningTransactionIsReportedAsTheDatabaseBeingAwaySoThatTheEventWaitsForIt() {
    CannotCreateTransactionException noConnection =
        new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
    ReminderPlanningListener listener =
        new ReminderPlanningListener(new FailingPlanner(noConnection));

    assertThatExceptionOfType(DataAccessResourceFailureException.class)
        .isThrownBy(() -> listener.on(received(meeting.scheduled())))
        .withMessageContaining(meeting.meetingId().toString())
        .withCause(noConnection);
  }

  @Test
  void otherFailuresReachTheErrorHandlerAsTheyAre() {
    UnplannableMeetingException unplannable =
        new UnplannableMeetingException(
            "Meeting has a time zone that is not an IANA zone id: 'Mars/Olympus'", null);
    ReminderPlanningListener listener =
        new ReminderPlanningListener(new FailingPlanner(unplannable));

    assertThatExceptionOfType(UnplannableMeetingException.class)
        .isThrownBy(() -> listener.on(received(meeting.scheduled())))
        .isSameAs(unplannable);
  }

  /** A planner whose every plan fails. */
  private static final class FailingPlanner extends ReminderPlanner {

    private final RuntimeException failure;

    FailingPlanner(RuntimeException failure) {
      super(
          null,
          new ReminderProperties(
              List.of(Duration.ofHours(1)), Duration.ofMinutes(10), false, Duration.ofDays(7)),
          null,
          Clock.systemUTC());
      this.failure = failure;
    }

    @Override
    public Outcome plan(MeetingEvent event) {
      throw failure;
    }
  }

  private static ReceivedEvent received(MeetingEvent event) {
    return new ReceivedEvent(event, "{}");
  }
}
