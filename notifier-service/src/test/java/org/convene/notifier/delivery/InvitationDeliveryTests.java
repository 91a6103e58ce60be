package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convene.events.MeetingScheduled;
import org.convene.events.Participant;
import org.convene.events.SampleEvents;
import org.convene.notifier.invitation.InvitationMailer;
import org.convene.notifier.invitation.UnsendableInvitationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.mail.MailSendException;

/** The ledger rules, with the ledger held in memory; NotifierIntegrationTests runs the real one. */
class InvitationDeliveryTests {

  private final MeetingScheduled event = SampleEvents.meetingScheduled();
  private final List<Participant> participants = event.meeting().participants();
  private final Map<DeliveryKey, DeliveryStatus> rows = new HashMap<>();
  private final DeliveryLedger ledger = mock(DeliveryLedger.class);
  private final InvitationMailer mailer = mock(InvitationMailer.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InvitationDelivery delivery = new InvitationDelivery(ledger, mailer, meters);

  @BeforeEach
  void ledgerInMemory() {
    when(mailer.recipientsOf(event)).thenReturn(participants);
    doAnswer(call -> rows.putIfAbsent(call.getArgument(0), DeliveryStatus.PENDING)).when(ledger).recordPending(any(), any());
    when(ledger.statusOf(any())).thenAnswer(call -> Optional.ofNullable(rows.get(call.<DeliveryKey>getArgument(0))));
    doAnswer(call -> rows.put(call.getArgument(0), DeliveryStatus.SENT)).when(ledger).markSent(any());
    doAnswer(call -> rows.put(call.getArgument(0), DeliveryStatus.FAILED)).when(ledger).markFailed(any(), any());
  }

  @Test
  void everyRecipientIsRecordedThenSentThenMarkedSent() {
    delivery.deliver(event);

    assertThat(rows).hasSize(5).containsValues(DeliveryStatus.SENT).doesNotContainValue(DeliveryStatus.PENDING);
    InOrder order = inOrder(ledger, mailer);
    order.verify(ledger, times(5)).recordPending(any(), eq(event.eventId()));
    for (Participant participant : participants) {
      order.verify(mailer).send(event, participant);
      order.verify(ledger).markSent(key(participant));
    }
    assertThat(meters.counter(InvitationDelivery.METRIC, "kind", "INVITATION", "outcome", "sent").count()).isEqualTo(5);
  }

  @Test
  void aRedeliveredEventSendsNothingTwice() {
    delivery.deliver(event);
    delivery.deliver(event);

    for (Participant participant : participants) {
      verify(mailer).send(event, participant);
    }
    assertThat(meters.counter(InvitationDelivery.METRIC, "kind", "INVITATION", "outcome", "skipped").count()).isEqualTo(5);
  }

  @Test
  void aFailureThatMayPassIsRecordedAndRethrownAndTheRetrySendsOnlyWhatIsLeft() {
    MailSendException outage = new MailSendException("Mail server connection failed");
    doThrow(outage).doNothing().when(mailer).send(event, participants.get(2));

    assertThatThrownBy(() -> delivery.deliver(event)).isSameAs(outage);
    assertThat(rows.get(key(participants.get(0)))).isEqualTo(DeliveryStatus.SENT);
    assertThat(rows.get(key(participants.get(2)))).isEqualTo(DeliveryStatus.FAILED);
    assertThat(rows.get(key(participants.get(4)))).isEqualTo(DeliveryStatus.PENDING);
    verify(ledger).markFailed(eq(key(participants.get(2))), contains("Mail server connection failed"));
    verify(mailer, never()).send(event, participants.get(3));

    delivery.deliver(event);

    assertThat(rows.values()).containsOnly(DeliveryStatus.SENT);
    verify(mailer).send(event, participants.get(0));
    verify(mailer, times(2)).send(event, participants.get(2));
  }

  @Test
  void anUndeliverableRecipientDoesNotStopTheOthersAndTheRecordIsRefusedNamingThem() {
    doThrow(new UnsendableInvitationException("Not a valid mailbox: 'li.na@'")).when(mailer).send(event, participants.get(3));

    assertThatThrownBy(() -> delivery.deliver(event))
        .isInstanceOf(UndeliveredInvitationsException.class)
        .hasMessageContaining(event.meetingId().toString())
        .hasMessageContaining("li.na@bast.example.org: Not a valid mailbox");
    assertThat(rows.get(key(participants.get(3)))).isEqualTo(DeliveryStatus.FAILED);
    assertThat(rows.get(key(participants.get(4)))).isEqualTo(DeliveryStatus.SENT);
    verify(ledger).markFailed(key(participants.get(3)), "Not a valid mailbox: 'li.na@'");
  }

  private DeliveryKey key(Participant participant) {
    return new DeliveryKey(event.meetingId(), event.revision(), participant.email(), DeliveryKind.INVITATION);
  }
}
