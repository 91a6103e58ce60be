package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** What a fired reminder records, decided against the meeting as it stands, on a fixed clock. */
class ReminderHandOverTests {

  static final String ZONE = "Asia/Shanghai";
  static final Instant NOW = Instant.parse("2031-05-06T01:00:00Z");
  static final LocalDateTime START =
      LocalDateTime.ofInstant(NOW.plus(Duration.ofMinutes(90)), ZoneId.of(ZONE));
  static final Instant DUE = NOW.plus(Duration.ofMinutes(30));

  private final TestMeeting meeting = new TestMeeting(START, ZONE, List.of(60));
  private final FakeLedger ledger = new FakeLedger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aDueReminderIsOwedToEveryParticipantOfTheMeetingAsItStands() {
    ledger.latest = meeting.scheduled();

    handOver().due(meeting.meetingId(), 1, 60, DUE);

    assertThat(ledger.owed)
        .singleElement()
        .satisfies(
            owed -> {
              assertThat(owed.recipients())
                  .containsExactlyInAnyOrder(mailbox("shen.jie"), mailbox("li.na"));
              assertThat(owed.missed()).isFalse();
            });
    assertThat(count("due")).isEqualTo(1);
  }

  @Test
  void aMissedReminderIsRecordedAsMissed() {
    ledger.latest = meeting.scheduled();

    handOver().missed(meeting.meetingId(), 1, 60, DUE, DUE.plus(Duration.ofHours(1)));

    assertThat(ledger.owed).singleElement().satisfies(owed -> assertThat(owed.missed()).isTrue());
    assertThat(count("missed")).isEqualTo(1);
  }

  @Test
  void aReminderOfAMovedOrCancelledMeetingRecordsNothing() {
    meeting.scheduled();
    ledger.latest = meeting.rescheduledTo(START.plusDays(1));
    handOver().due(meeting.meetingId(), 1, 60, DUE);

    ledger.latest = meeting.cancelled();
    handOver().due(meeting.meetingId(), 1, 60, DUE);

    assertThat(ledger.owed).isEmpty();
    assertThat(count("moved")).isEqualTo(1);
    assertThat(count("cancelled")).isEqualTo(1);
  }

  @Test
  void aReminderRecordedBeforeIsADuplicate() {
    ledger.latest = meeting.scheduled();
    ledger.newRows = 0;

    handOver().due(meeting.meetingId(), 1, 60, DUE);

    assertThat(count("duplicate")).isEqualTo(1);
  }

  @Test
  void aReminderPlannedFromARevisionTheLedgerHasNotRecordedYetIsHandedOverAgainLater() {
    ledger.latest = meeting.scheduled();

    assertThatIllegalStateException()
        .isThrownBy(() -> handOver().due(meeting.meetingId(), 2, 60, DUE))
        .withMessageContaining("not recorded");
    assertThat(ledger.owed).isEmpty();
  }

  private ReminderHandOver handOver() {
    ReminderProperties properties =
        new ReminderProperties(
            List.of(Duration.ofHours(1)), Duration.ofMinutes(10), false, Duration.ofDays(7));
    ReminderNotices notices =
        new ReminderNotices(properties, Clock.fixed(NOW, ZoneOffset.UTC), meetingIds -> Map.of());
    return new ReminderHandOver(
        ledger, notices, properties, new NoTransactions(), meters, meetingIds -> Map.of());
  }

  private double count(String outcome) {
    var counter = meters.find(ReminderHandOver.REMINDERS).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private String mailbox(String localPart) {
    return localPart + "@" + meeting.meeting().organiser().email().split("@")[1];
  }

  record Owed(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      List<String> recipients,
      boolean missed) {}

  static final class FakeLedger implements ReminderLedger {

    MeetingEvent latest;
    Integer newRows;
    final List<Owed> owed = new ArrayList<>();

    @Override
    public MeetingEvent latest(MeetingId meetingId) {
      return latest;
    }

    @Override
    public int owe(
        MeetingId meetingId,
        long plannedRevision,
        int minutesBefore,
        Instant dueAt,
        EventId eventId,
        List<String> recipients,
        boolean missed) {
      if (newRows != null) {
        return newRows;
      }
      owed.add(new Owed(meetingId, plannedRevision, minutesBefore, dueAt, recipients, missed));
      return recipients.size();
    }
  }

  /** Runs the hand-over's transaction callbacks as they are: the fake ledger needs none. */
  static final class NoTransactions extends AbstractPlatformTransactionManager {

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {}

    @Override
    protected void doCommit(DefaultTransactionStatus status) {}

    @Override
    protected void doRollback(DefaultTransactionStatus status) {}
  }
}
