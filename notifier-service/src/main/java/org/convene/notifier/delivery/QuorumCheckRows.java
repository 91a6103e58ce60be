package org.convene.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Quorum;
import org.convene.events.QuorumState;
import org.convene.notifier.invitation.KnownAnswers;
import org.convene.notifier.reminder.QuorumCheckSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery ledger as quorum checks record into it: when a check finds the meeting's quorum
 * still at risk, a QUORUM_ALERT to the organiser and the chair and a NUDGE to each voting member
 * who has not answered, keyed by the planned revision and the lead time, so that a check handed
 * over twice records nothing the second time. One short transaction; nothing is sent while it runs.
 */
@Component
class QuorumCheckRows implements QuorumCheckSink {

  private static final Logger log = LoggerFactory.getLogger(QuorumCheckRows.class);

  private final BatchEvents events;
  private final OwedLedger owed;
  private final KnownQuorums quorums;
  private final KnownAnswers answers;
  private final TransactionTemplate transactions;

  QuorumCheckRows(
      BatchEvents events,
      OwedLedger owed,
      KnownQuorums quorums,
      KnownAnswers answers,
      PlatformTransactionManager transactionManager) {
    this.events = events;
    this.owed = owed;
    this.quorums = quorums;
    this.answers = answers;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Override
  public void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {
    String outcome =
        transactions.execute(status -> record(meetingId, plannedRevision, minutesBefore, dueAt));
    log.info(
        "Quorum check {} minutes before meeting {} due at {}: {}",
        minutesBefore,
        meetingId,
        dueAt,
        outcome);
  }

  private String record(
      MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {
    MeetingEvent latest = events.newest(meetingId);
    if (latest == null || latest.revision() < plannedRevision) {
      // The planner reads the topic ahead of the ledger's listener: handed over again shortly.
      throw new IllegalStateException(
          "Meeting "
              + meetingId
              + " revision "
              + plannedRevision
              + " is not recorded in the ledger yet; the quorum check is handed over again shortly");
    }
    MeetingSnapshot meeting = latest.meeting();
    if (meeting.status() == MeetingStatus.CANCELLED) {
      return "cancelled";
    }
    Instant stillDueAt =
        meeting
            .start()
            .atZone(ZoneId.of(meeting.timeZone()))
            .toInstant()
            .minus(Duration.ofMinutes(minutesBefore));
    if (!stillDueAt.equals(dueAt)) {
      // The meeting moved since: the planner has the check at its new time.
      return "moved";
    }
    Quorum quorum = quorums.of(meetingId, meeting);
    if (quorum.state() != QuorumState.AT_RISK) {
      return "quorum " + quorum.state();
    }
    Set<String> answered = answers.of(meetingId).keySet();
    List<String> nudged = AnswerNotices.nudged(meeting, quorum, answered);
    int alerts =
        owed.oweTimed(
            DeliveryKind.QUORUM_ALERT,
            meetingId,
            plannedRevision,
            minutesBefore,
            dueAt,
            latest.eventId(),
            AnswerNotices.alerted(meeting),
            DeliveryStatus.PENDING);
    int nudges =
        nudged.isEmpty()
            ? 0
            : owed.oweTimed(
                DeliveryKind.NUDGE,
                meetingId,
                plannedRevision,
                minutesBefore,
                dueAt,
                latest.eventId(),
                nudged,
                DeliveryStatus.PENDING);
    return "at risk: " + alerts + " alerts and " + nudges + " nudges owed";
  }
}
