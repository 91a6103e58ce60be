package org.convene.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convene.notifier.delivery.RecipientDecision.Superseded;
import org.convene.notifier.invitation.NoticeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What becomes of each message of a batch, recorded message by message ({@link OutcomeLedger}),
 * counted ({@link DeliveryMetrics}) and logged: sent, deferred with a back-off, given up, or
 * superseded. The outcomes known so far are written with the next message's in-flight mark, in one
 * statement; those left at the end of the batch, in one more.
 */
@Component
class OutcomeRecorder {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

  /**
   * One line per message the server accepted, for ops looking for one e-mail (its own logger, so it
   * can be turned down without losing the rest).
   */
  private static final Logger SENT = LoggerFactory.getLogger("convene.delivery.sent");

  /** When a message the server turned away to slow the sender down is due again. */
  static final Duration THROTTLED_RETRY = Duration.ofSeconds(1);

  private final DeliveryMetrics metrics;
  private final RetryBackOff backOff;
  private final Duration relayProbeInterval;
  private final Clock clock;
  private final DeliveryReporter reporter;

  OutcomeRecorder(
      DeliveryMetrics metrics,
      DeliveryProperties properties,
      Clock clock,
      DeliveryReporter reporter) {
    this.reporter = reporter;
    this.metrics = metrics;
    this.backOff = new RetryBackOff(properties.retry(), new Random());
    this.relayProbeInterval = properties.relayProbeInterval();
    this.clock = clock;
  }

  /** Records one batch's outcomes on this session. */
  Batch begin(OutcomeLedger.Session session) {
    return new Batch(session);
  }

  /** One batch's outcomes; not thread-safe. */
  final class Batch {

    private final OutcomeLedger.Session session;
    private final List<DeliveryOutcome> unrecorded = new ArrayList<>();

    private Batch(OutcomeLedger.Session session) {
      this.session = session;
    }

    void supersede(Superseded row) {
      unrecorded.add(new DeliveryOutcome.Superseded(row.row().key(), row.by()));
      metrics.delivery(row.row().kind(), DeliveryMetrics.SUPERSEDED);
    }

    void fail(LedgerRow row, String reason) {
      unrecorded.add(new DeliveryOutcome.Failed(row.key(), reason, row.possiblySent()));
      metrics.delivery(row.kind(), DeliveryMetrics.FAILED);
      log.warn(
          "{} to {} for meeting {} revision {} failed for good: {}",
          row.kind(),
          row.key().recipient(),
          row.key().meetingId(),
          row.revision(),
          reason);
    }

    /**
     * Records what is known and marks {@code row} in flight; whether it may be sent (no other
     * dispatcher has sent it or marked it since it was read). Throws if the ledger cannot be
     * written: then nothing more is sent.
     */
    boolean sending(LedgerRow row) {
      boolean mayBeSent =
          session.record(unrecorded, new OutcomeLedger.Sending(row.key(), row.sendingSince()));
      reporter.recorded(unrecorded);
      unrecorded.clear();
      if (!mayBeSent) {
        log.info(
            "{} to {} not sent: another dispatcher has sent it or is sending it",
            row.kind(),
            row.key().recipient());
      }
      return mayBeSent;
    }

    /**
     * What the mail server made of the message of {@code row}, worded as {@code kind}, about a
     * meeting that starts at {@code meetingStart}.
     */
    void sent(LedgerRow row, NoticeKind kind, Instant meetingStart, SendOutcome outcome) {
      switch (outcome) {
        case SendOutcome.Accepted accepted -> {
          unrecorded.add(
              new DeliveryOutcome.Sent(
                  row.key(), row.possiblySent(), accepted.reply(), accepted.messageId()));
          metrics.delivery(row.kind(), DeliveryMetrics.SENT);
          if (row.possiblySent()) {
            metrics.possibleDuplicate(row.kind());
            log.warn(
                "Sent {} to {} again, with the same Message-ID: an earlier attempt may have reached them, its outcome unrecorded",
                kind,
                row.key().recipient());
          } else {
            SENT.info(
                "Sent {} to {}: {} {}",
                kind,
                row.key().recipient(),
                accepted.messageId(),
                accepted.reply());
          }
        }
        case SendOutcome.Refused refused -> fail(row, refused.reply());
        case SendOutcome.Deferred deferred -> {
          int attempts = row.attempts() + 1;
          if (backOff.givesUpAfter(attempts)) {
            fail(row, "Gave up after " + attempts + " attempts: " + deferred.reason());
          } else {
            Duration delay =
                backOff.delayAfter(attempts, Duration.between(clock.instant(), meetingStart));
            unrecorded.add(
                new DeliveryOutcome.Retry(row.key(), delay, deferred.reason(), row.possiblySent()));
            metrics.delivery(row.kind(), DeliveryMetrics.RETRIED);
            log.info(
                "{} to {} deferred (attempt {}), retrying in {} ms: {}",
                kind,
                row.key().recipient(),
                attempts,
                delay.toMillis(),
                deferred.reason());
          }
        }
        case SendOutcome.Throttled throttled -> {
          // Not this message's failure either: it goes again soon, as the slowed rate allows, in
          // its turn by urgency.
          unrecorded.add(
              new DeliveryOutcome.Retry(
                  row.key(), THROTTLED_RETRY, throttled.reply(), row.possiblySent()));
          metrics.delivery(row.kind(), DeliveryMetrics.RETRIED);
          log.debug(
              "{} to {} deferred, the mail server asks to slow down: {}",
              kind,
              row.key().recipient(),
              throttled.reply());
        }
        case SendOutcome.RelayDown down -> {
          // Not this message's failure: it waits for the server's return, due again at the next
          // probe, neither backed off further nor brought nearer to being given up (no attempt is
          // counted, so a 4xx after a long outage still gets every retry it is allowed).
          unrecorded.add(
              new DeliveryOutcome.AwaitingRelay(
                  row.key(),
                  relayProbeInterval,
                  down.reason(),
                  row.possiblySent() || down.mayHaveArrived()));
          metrics.delivery(row.kind(), DeliveryMetrics.RETRIED);
          if (down.mayHaveArrived()) {
            // Kept on the row: when it goes again it is counted as a possible duplicate.
            log.warn(
                "{} to {} may have arrived: the mail server dropped the session before replying"
                    + " to it; it will be sent again with the same Message-ID",
                kind,
                row.key().recipient());
          }
          // RelayStatus says it once for the whole outage.
          log.debug(
              "{} to {} deferred until the mail server is back: {}",
              kind,
              row.key().recipient(),
              down.reason());
        }
      }
    }

    /** Records the outcomes not recorded yet. */
    void finish() {
      session.record(unrecorded, null);
      reporter.recorded(unrecorded);
      unrecorded.clear();
    }
  }
}
