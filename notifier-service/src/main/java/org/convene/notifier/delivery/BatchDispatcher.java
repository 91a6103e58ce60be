package org.convene.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convene.events.EventId;
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
 * recorded as soon as the server has answered ({@link OutcomeRecorder}), as many as the relay's
 * allowance grants, each in a send slot of its own ({@link RelayAllowance}). Runs in the
 * transaction that holds the recipients' locks ({@link DispatchLoop}).
 */
@Component
class BatchDispatcher {

  private static final Logger log = LoggerFactory.getLogger(BatchDispatcher.class);

  private final OwedLedger owed;
  private final BatchPlanner planner;
  private final InvitationMailer mailer;
  private final OutcomeRecorder recorder;
  private final RelayAllowance allowance;
  private final EventLedger events;
  private final SendTraces traces;
  private final int batchSize;
  private final Duration maxWait;

  BatchDispatcher(
      OwedLedger owed,
      BatchPlanner planner,
      InvitationMailer mailer,
      OutcomeRecorder recorder,
      RelayAllowance allowance,
      EventLedger events,
      SendTraces traces,
      DeliveryProperties properties) {
    this.owed = owed;
    this.planner = planner;
    this.mailer = mailer;
    this.recorder = recorder;
    this.allowance = allowance;
    this.events = events;
    this.traces = traces;
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
    if (!allowance.mayClaim()) {
      return 0;
    }
    List<RecipientKey> recipients = owed.claimDue(allowance.claimLimit(batchSize), maxWait);
    if (recipients.isEmpty()) {
      return 0;
    }
    claimed.run();
    BatchPlanner.Plan plan = planner.plan(recipients, owed.rowsOf(recipients));
    OutcomeRecorder.Batch outcomes = recorder.begin(session);
    plan.superseded().forEach(outcomes::supersede);
    plan.failures().forEach(failure -> outcomes.fail(failure.row(), failure.reason()));
    List<BatchPlanner.Send> sends = inClaimOrder(recipients, plan.sends());
    List<Composition> compositions =
        mailer.compose(sends.stream().map(BatchPlanner.Send::notice).toList());
    Map<EventId, String> traceParents =
        events.traceParents(
            sends.stream().map(send -> send.row().eventId()).filter(Objects::nonNull).toList());
    SendSlots slots = new SendSlots(allowance, session.statements());
    for (int i = 0; i < sends.size(); i++) {
      if (connection.slowingDown()) {
        // The rest stay owed and due, untried: no attempt counted, no in-flight mark to clear.
        break;
      }
      LedgerRow row = sends.get(i).row();
      try (MeetingLogContext context =
              MeetingLogContext.of(row.key().meetingId(), row.revision(), row.eventId());
          SendTraces.Scope trace =
              traces.continueTrace(
                  row.eventId() == null ? null : traceParents.get(row.eventId()))) {
        if (!sendInSlot(row, compositions.get(i), connection, outcomes, slots, sends.size() - i)) {
          // No slot now (today's limit, or the instance stopping): the rest stay owed and due.
          break;
        }
      }
    }
    slots.giveBack();
    String slowDown = connection.takeSlowDown();
    connection.endBatch();
    outcomes.finish();
    if (slowDown != null) {
      allowance.slowDown(session.statements(), slowDown);
    }
    return recipients.size();
  }

  /**
   * Sends one message in a send slot of its own ({@link SendSlots}), so that the dispatcher threads
   * of every instance interleave at the relay's rate; whether a slot was had. Once the server is
   * found unavailable the rest of the batch reaches no relay: each is recorded at once as waiting
   * for it, without a slot. A slot whose message did not reach the server is given back.
   *
   * @param wanted the messages of the batch still to send, this one included
   */
  private boolean sendInSlot(
      LedgerRow row,
      Composition composition,
      SmtpTransports.Connection connection,
      OutcomeRecorder.Batch outcomes,
      SendSlots slots,
      int wanted) {
    if (connection.relayDown() || !allowance.limited()) {
      send(row, composition, connection, outcomes);
      return true;
    }
    if (!slots.take(wanted)) {
      return false;
    }
    int attemptsBefore = connection.attempts();
    send(row, composition, connection, outcomes);
    if (connection.attempts() > attemptsBefore) {
      slots.used();
    }
    return true;
  }

  /** The sends in the order their recipients were claimed: most urgent first. */
  private static List<BatchPlanner.Send> inClaimOrder(
      List<RecipientKey> claimed, List<BatchPlanner.Send> sends) {
    Map<RecipientKey, Integer> order = new HashMap<>();
    for (int i = 0; i < claimed.size(); i++) {
      order.put(claimed.get(i), i);
    }
    List<BatchPlanner.Send> sorted = new ArrayList<>(sends);
    sorted.sort(
        Comparator.comparingInt(
            send -> order.getOrDefault(send.row().key().recipientKey(), Integer.MAX_VALUE)));
    return sorted;
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
