package org.convene.notifier.reminder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingStatus;
import org.convene.notifier.invitation.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a fired reminder into owed messages, one per recipient of the meeting as it stands (the
 * newest recorded event), keyed by the planned revision and the minutes before the start. The
 * dispatchers send them like any other message; a reminder that fires twice finds its rows and
 * records nothing. Each hand-over is one short transaction: nothing is sent while it runs.
 *
 * <p>Counts each hand-over in {@value #REMINDERS} by outcome: {@code due} (rows recorded), {@code
 * missed} (recorded MISSED), {@code duplicate} (recorded before), {@code cancelled} (the meeting
 * was cancelled), {@code moved} (the meeting moved or dropped the offset since; the planner has the
 * new reminder).
 */
@Component
class ReminderHandOver implements ReminderSink {

  private static final Logger log = LoggerFactory.getLogger(ReminderHandOver.class);

  /** Reminders handed over, by outcome. */
  static final String REMINDERS = "convene.notifier.reminders";

  private final ReminderLedger ledger;
  private final ReminderNotices notices;
  private final ReminderProperties properties;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final AbsentAttendees answers;

  ReminderHandOver(
      ReminderLedger ledger,
      ReminderNotices notices,
      ReminderProperties properties,
      PlatformTransactionManager transactionManager,
      MeterRegistry meters,
      AbsentAttendees answers) {
    this.answers = answers;
    this.ledger = ledger;
    this.notices = notices;
    this.properties = properties;
    this.transactions = new TransactionTemplate(transactionManager);
    this.meters = meters;
    // Every outcome's series exists from the start, at zero, for dashboards and alerts.
    List.of("due", "missed", "duplicate", "cancelled", "moved").forEach(this::counter);
  }

  @Override
  public void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {
    String outcome =
        transactions.execute(
            status -> record(meetingId, plannedRevision, minutesBefore, dueAt, false));
    log.info(
        "Reminder {} minutes before meeting {} due at {}: {}",
        minutesBefore,
        meetingId,
        dueAt,
        outcome);
  }

  @Override
  public void missed(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      Instant firedAt) {
    String outcome =
        transactions.execute(
            status -> record(meetingId, plannedRevision, minutesBefore, dueAt, true));
    log.warn(
        "Reminder {} minutes before meeting {} due at {} fired {} late, beyond the grace of {}: {}",
        minutesBefore,
        meetingId,
        dueAt,
        Duration.between(dueAt, firedAt),
        properties.grace(),
        outcome);
  }

  /** Records the reminder's rows; the outcome, for the log and the counter. */
  private String record(
      MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt, boolean missed) {
    MeetingEvent latest = latest(meetingId, plannedRevision);
    String outcome;
    if (latest.meeting().status() == MeetingStatus.CANCELLED) {
      outcome = "cancelled";
    } else if (!notices.stillDue(latest.meeting(), minutesBefore, dueAt)) {
      outcome = "moved";
    } else {
      List<String> recipients =
          ReminderRecipients.of(
                  latest.meeting(),
                  properties.includeInformationCopies(),
                  answers.absent(meetingId))
              .stream()
              .map(participant -> Recipients.mailboxKey(participant.email()))
              .toList();
      int recorded =
          ledger.owe(
              meetingId,
              plannedRevision,
              minutesBefore,
              dueAt,
              latest.eventId(),
              recipients,
              missed);
      outcome = recorded == 0 && !recipients.isEmpty() ? "duplicate" : missed ? "missed" : "due";
    }
    counter(outcome).increment();
    return outcome;
  }

  /**
   * The meeting as it stands. Not yet recorded up to the planned revision (the planner reads the
   * topic ahead of the ledger's listener): an exception, and the reminder is handed over again
   * shortly.
   */
  private MeetingEvent latest(MeetingId meetingId, long plannedRevision) {
    MeetingEvent latest = ledger.latest(meetingId);
    if (latest == null || latest.revision() < plannedRevision) {
      throw new IllegalStateException(
          "Meeting "
              + meetingId
              + " revision "
              + plannedRevision
              + " is not recorded in the ledger yet; the reminder is handed over again shortly");
    }
    return latest;
  }

  private Counter counter(String outcome) {
    return Counter.builder(REMINDERS)
        .description("Reminders handed over, by outcome")
        .tag("outcome", outcome)
        .register(meters);
  }
}
