package org.convene.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;
import org.convene.notifier.invitation.InvitationMailer;
import org.convene.notifier.invitation.Recipients;
import org.convene.notifier.invitation.UnsendableInvitationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends every recipient of an event their invitation once. Whatever Kafka redelivers, a
 * recipient the ledger has as SENT is skipped; everyone else is (re)tried.
 */
@Service
class InvitationDelivery {

  static final String METRIC = "convene.notifier.deliveries";

  private static final Logger log = LoggerFactory.getLogger(InvitationDelivery.class);

  private final DeliveryLedger ledger;
  private final InvitationMailer mailer;
  private final MeterRegistry meters;

  InvitationDelivery(DeliveryLedger ledger, InvitationMailer mailer, MeterRegistry meters) {
    this.ledger = ledger;
    this.mailer = mailer;
    this.meters = meters;
  }

  /**
   * Sends the invitations the ledger does not have as SENT.
   *
   * @throws UndeliveredInvitationsException after trying everyone, if some recipients can never be
   *     sent this invitation
   * @throws RuntimeException at the first failure that may pass (the mail server is down, say),
   *     so that the container retries the record; what was sent stays sent
   */
  void deliver(MeetingEvent event) {
    List<Participant> recipients = mailer.recipientsOf(event);
    // All owed messages are on record before the first is sent, so an outage leaves them visible.
    for (Participant recipient : recipients) {
      ledger.recordPending(keyOf(event, recipient), event.eventId());
    }
    List<String> undeliverable = new ArrayList<>();
    for (Participant recipient : recipients) {
      DeliveryKey key = keyOf(event, recipient);
      if (ledger.statusOf(key).orElseThrow() == DeliveryStatus.SENT) {
        count(DeliveryKind.INVITATION, "skipped");
        continue;
      }
      try {
        mailer.send(event, recipient);
      } catch (UnsendableInvitationException e) {
        ledger.markFailed(key, e.getMessage());
        count(DeliveryKind.INVITATION, "undeliverable");
        log.warn(
            "Invitation to {} for meeting {} revision {} is undeliverable: {}",
            key.recipient(), event.meetingId(), event.revision(), e.getMessage());
        undeliverable.add(key.recipient() + ": " + e.getMessage());
        continue;
      } catch (RuntimeException e) {
        ledger.markFailed(key, e.toString());
        count(DeliveryKind.INVITATION, "failed");
        throw e;
      }
      ledger.markSent(key);
      count(DeliveryKind.INVITATION, "sent");
    }
    if (!undeliverable.isEmpty()) {
      throw new UndeliveredInvitationsException(event.meetingId(), event.revision(), undeliverable);
    }
  }

  private static DeliveryKey keyOf(MeetingEvent event, Participant recipient) {
    return new DeliveryKey(
        event.meetingId(), event.revision(), Recipients.mailboxKey(recipient.email()), DeliveryKind.INVITATION);
  }

  private void count(DeliveryKind kind, String outcome) {
    meters.counter(METRIC, "kind", kind.name(), "outcome", outcome).increment();
  }
}
