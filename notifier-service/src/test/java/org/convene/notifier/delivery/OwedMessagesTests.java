package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.convene.events.SampleEvents;
import org.convene.notifier.delivery.OwedMessages.Owed;
import org.junit.jupiter.api.Test;

class OwedMessagesTests {

  @Test
  void aScheduledMeetingOwesEveryParticipantAnInvitation() {
    assertThat(OwedMessages.of(SampleEvents.meetingScheduled()))
        .containsExactly(
            new Owed("shen.jie@bast.example.org", DeliveryKind.INVITATION),
            new Owed("tian.wen@bast.example.org", DeliveryKind.INVITATION),
            new Owed("chen.weicheng@bast.example.org", DeliveryKind.INVITATION),
            new Owed("li.na@bast.example.org", DeliveryKind.INVITATION),
            new Owed("archive@bast.example.org", DeliveryKind.INVITATION));
  }

  @Test
  void changesOweEveryCurrentParticipantAnUpdate() {
    assertThat(OwedMessages.of(SampleEvents.meetingDetailsChanged()))
        .hasSize(5)
        .allMatch(owed -> owed.kind() == DeliveryKind.UPDATE);
    assertThat(OwedMessages.of(SampleEvents.meetingRescheduled()))
        .hasSize(5)
        .allMatch(owed -> owed.kind() == DeliveryKind.UPDATE);
    assertThat(OwedMessages.of(SampleEvents.agendaChanged()))
        .hasSize(5)
        .allMatch(owed -> owed.kind() == DeliveryKind.UPDATE);
  }

  @Test
  void aParticipantsChangeInvitesTheAddedCancelsForTheRemovedAndUpdatesTheRest() {
    assertThat(OwedMessages.of(SampleEvents.participantsChanged()))
        .containsExactly(
            new Owed("shen.jie@bast.example.org", DeliveryKind.UPDATE),
            new Owed("tian.wen@bast.example.org", DeliveryKind.UPDATE),
            new Owed("chen.weicheng@bast.example.org", DeliveryKind.UPDATE),
            new Owed("li.na@bast.example.org", DeliveryKind.UPDATE),
            new Owed("zhang.wei@bast.example.org", DeliveryKind.INVITATION),
            new Owed("archive@bast.example.org", DeliveryKind.CANCELLATION));
  }

  @Test
  void aCancelledMeetingOwesEveryParticipantACancellation() {
    assertThat(OwedMessages.of(SampleEvents.meetingCancelled()))
        .hasSize(5)
        .allMatch(owed -> owed.kind() == DeliveryKind.CANCELLATION);
  }

  @Test
  void theRecipientIsFoundInTheSnapshotOrAmongTheRemoved() {
    assertThat(
            OwedMessages.recipient(SampleEvents.participantsChanged(), "archive@bast.example.org")
                .name())
        .isEqualTo("Archive");
    assertThat(
            OwedMessages.recipient(SampleEvents.participantsChanged(), "zhang.wei@bast.example.org")
                .name())
        .isEqualTo("Zhang Wei");
    assertThat(
            OwedMessages.recipient(SampleEvents.participantsChanged(), "nobody@bast.example.org"))
        .isNull();
  }
}
