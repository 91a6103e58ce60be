package org.convene.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.convene.events.MeetingSnapshot;
import org.convene.notifier.MeetingLogContext;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.invitation.Composition;
import org.convene.notifier.invitation.InvitationMailer;
import org.convene.notifier.invitation.Notice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one batch: claims the recipients that are due, plans what each gets ({@link BatchPlanner}),
 * writes the messages and sends them one by one over the thread's SMTP connection, each outcome
 * recorded as soon as the server has answered ({@link OutcomeRecorder}). Runs in the transaction
 * that holds the recipients' locks ({@link DispatchLoop}).
 */
@Component
class BatchDispatcher {

  private static final Logger log = LoggerFactory.getLogger(BatchDispatcher.class);

  private final OwedLedger owed;
  private final BatchPlanner planner;
  private final InvitationMailer mailer;
  private final OutcomeRecorder recorder;
  private final int batchSize;
  private final Duration maxWait;

  BatchDispatcher(
      OwedLedger owed,
      BatchPlanner planner,
      InvitationMailer mailer,
      OutcomeRecorder recorder,
      DeliveryProperties properties) {
    this.owed = owed;
    this.planner = planner;
    this.mailer = mailer;
    this.recorder = recorder;
    this.batchSize = properties.batchSize();
    Duration wait = properties.maxDelay().minus(properties.quietPeriod());
    this.maxWait = wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * Sends one batch; how many recipients it took.
   *
   * @param claimed told once recipients are claimed, before anything is sent
   */
  int dispatch(
      SmtpTransports.Connection connection, OutcomeLedger.Session session, Runnable claimed) {
    List<RecipientKey> recipients = owed.claimDue(batchSize, maxWait);
    if (recipients.isEmpty()) {
      return 0;
    }
    claimed.run();
    BatchPlanner.Plan plan = planner.plan(recipients, owed.rowsOf(recipients));
    OutcomeRecorder.Batch outcomes = recorder.begin(session);
    plan.superseded().forEach(outcomes::supersede);
    plan.failures().forEach(failure -> outcomes.fail(failure.row(), failure.reason()));
    List<Composition> compositions =
        mailer.compose(plan.sends().stream().map(BatchPlanner.Send::notice).toList());
    for (int i = 0; i < compositions.size(); i++) {
      LedgerRow row = plan.sends().get(i).row();
      try (MeetingLogContext context =
          MeetingLogContext.of(row.key().meetingId(), row.revision(), row.eventId())) {
        send(row, compositions.get(i), connection, outcomes);
      }
    }
    connection.endBatch();
    outcomes.finish();
    return recipients.size();
  }

  private static void send(
      LedgerRow row,
      Composition composition,
      SmtpTransports.Connection connection,
      OutcomeRecorder.Batch outcomes) {
    switch (composition) {
      case Composition.Refused refused -> outcomes.fail(row, refused.reason());
      case Composition.Broken broken -> {
        log.error("Cannot write the message to {}", row.key().recipient(), broken.failure());
        outcomes.sent(
            row,
            broken.notice().kind(),
            startOf(broken.notice()),
            new SendOutcome.Deferred(
                "Cannot write the message: " + SmtpTransports.describe(broken.failure())));
      }
      case Composition.Composed composed -> {
        Notice notice = composed.notice();
        if (outcomes.sending(row)) {
          outcomes.sent(row, notice.kind(), startOf(notice), connection.send(composed.message()));
        }
      }
    }
  }

  private static Instant startOf(Notice notice) {
    MeetingSnapshot meeting = notice.event().meeting();
    return meeting.start().atZone(ZoneId.of(meeting.timeZone())).toInstant();
  }
}
