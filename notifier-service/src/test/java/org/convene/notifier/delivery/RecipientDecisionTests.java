package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.delivery.RecipientDecision.Superseded;
import org.junit.jupiter.api.Test;

class RecipientDecisionTests {

  private static final MeetingId MEETING = MeetingId.random();
  private static final RecipientKey LI_NA = new RecipientKey(MEETING, "li.na@example.org");

  @Test
  void aNewInvitationIsSentAsAnInvitation() {
    RecipientDecision decision = decide(row(1, DeliveryKind.INVITATION, DeliveryStatus.PENDING));

    assertThat(decision.send().revision()).isEqualTo(1);
    assertThat(decision.invites()).isTrue();
    assertThat(decision.superseded()).isEmpty();
  }

  @Test
  void onlyTheNewestOwedMessageIsSentWithTheChangesSinceTheLastOneSent() {
    RecipientDecision decision =
        decide(
            row(1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING),
            row(3, DeliveryKind.UPDATE, DeliveryStatus.PENDING),
            row(4, DeliveryKind.UPDATE, DeliveryStatus.PENDING));

    assertThat(decision.send().revision()).isEqualTo(4);
    assertThat(decision.invites()).isFalse();
    assertThat(decision.lastSentRevision()).isEqualTo(1);
    assertThat(decision.superseded())
        .extracting(s -> s.row().revision(), Superseded::by)
        .containsExactly(pair(2, 4), pair(3, 4));
  }

  @Test
  void anUpdateThenACancellationSendsOnlyTheCancellation() {
    RecipientDecision decision =
        decide(
            row(1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING),
            row(3, DeliveryKind.CANCELLATION, DeliveryStatus.PENDING));

    assertThat(decision.send().kind()).isEqualTo(DeliveryKind.CANCELLATION);
    assertThat(decision.superseded()).extracting(s -> s.row().revision()).containsExactly(2L);
  }

  @Test
  void removedThenInvitedAgainSendsTheInvitation() {
    RecipientDecision decision =
        decide(
            row(1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(2, DeliveryKind.CANCELLATION, DeliveryStatus.PENDING),
            row(3, DeliveryKind.INVITATION, DeliveryStatus.PENDING));

    assertThat(decision.send().revision()).isEqualTo(3);
    assertThat(decision.invites()).isTrue();
  }

  @Test
  void aMessageOlderThanOneSentIsSupersededNeverSent() {
    RecipientDecision decision =
        decide(
            row(2, DeliveryKind.UPDATE, DeliveryStatus.SENT),
            row(1, DeliveryKind.INVITATION, DeliveryStatus.PENDING));

    assertThat(decision.send()).isNull();
    assertThat(decision.superseded())
        .extracting(s -> s.row().revision(), Superseded::by)
        .containsExactly(pair(1, 2));
  }

  @Test
  void aMessageOlderThanOneGivenUpIsSupersededToo() {
    RecipientDecision decision =
        decide(
            row(3, DeliveryKind.UPDATE, DeliveryStatus.FAILED),
            row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING));

    assertThat(decision.send()).isNull();
    assertThat(decision.superseded()).extracting(s -> s.row().revision()).containsExactly(2L);
  }

  @Test
  void aRequestIsAnInvitationWhenNoInvitationIsInEffect() {
    // The first message to arrive is an update (events out of order): it invites.
    assertThat(decide(row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING)).invites()).isTrue();
    // The last message sent cancelled; an update owed since is worded as an invitation.
    assertThat(
            decide(
                    row(1, DeliveryKind.CANCELLATION, DeliveryStatus.SENT),
                    row(4, DeliveryKind.UPDATE, DeliveryStatus.PENDING))
                .invites())
        .isTrue();
    // An invitation coalesced into an update still invites.
    assertThat(
            decide(
                    row(1, DeliveryKind.INVITATION, DeliveryStatus.PENDING),
                    row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING))
                .invites())
        .isTrue();
  }

  @Test
  void aRecipientWithNothingOwedIsLeftAlone() {
    RecipientDecision decision =
        decide(
            row(1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(2, DeliveryKind.UPDATE, DeliveryStatus.SUPERSEDED));

    assertThat(decision.send()).isNull();
    assertThat(decision.superseded()).isEmpty();
  }

  @Test
  void aFailedMessageRetriedByAnOperatorIsSentIfNothingNewerWentOut() {
    RecipientDecision decision =
        decide(
            row(1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(2, DeliveryKind.UPDATE, DeliveryStatus.PENDING, 0));

    assertThat(decision.send().revision()).isEqualTo(2);
    assertThat(decision.invites()).isFalse();
  }

  private static RecipientDecision decide(LedgerRow... rows) {
    return RecipientDecision.of(LI_NA, List.of(rows));
  }

  private static LedgerRow row(long revision, DeliveryKind kind, DeliveryStatus status) {
    return row(revision, kind, status, 0);
  }

  private static LedgerRow row(
      long revision, DeliveryKind kind, DeliveryStatus status, int attempts) {
    return new LedgerRow(
        new DeliveryKey(MEETING, revision, LI_NA.recipient(), kind),
        status,
        attempts,
        EventId.random());
  }

  private static org.assertj.core.groups.Tuple pair(long revision, long by) {
    return org.assertj.core.groups.Tuple.tuple(revision, by);
  }
}
