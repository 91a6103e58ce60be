package org.convene.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.convene.events.AgendaChanged;
import org.convene.events.AnswerEvent;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.notifier.invitation.Recipients;

/**
 * Who is owed what for one event: every participant of the snapshot a REQUEST (an invitation if the
 * event invites them, else an update), the people it removes a CANCEL; everyone a CANCEL when the
 * meeting is cancelled.
 */
final class OwedMessages {

  /** One message owed; {@code recipient} is the mailbox key. */
  record Owed(String recipient, DeliveryKind kind) {}

  private OwedMessages() {}

  static List<Owed> of(MeetingEvent event) {
    // Exhaustive over the sealed contract: a new event type does not compile until decided here.
    DeliveryKind toParticipants =
        switch (event) {
          case MeetingScheduled ignored -> DeliveryKind.INVITATION;
          case MeetingDetailsChanged ignored -> DeliveryKind.UPDATE;
          case MeetingRescheduled ignored -> DeliveryKind.UPDATE;
          case AgendaChanged ignored -> DeliveryKind.UPDATE;
          case ParticipantsChanged ignored -> DeliveryKind.UPDATE;
          case MeetingCancelled ignored -> DeliveryKind.CANCELLATION;
          // The listeners skip answers: they revise nothing, so they owe no calendar message.
          case AnswerEvent answer ->
              throw new IllegalArgumentException(
                  "An answer event owes no message: " + answer.eventId());
        };
    // A REQUEST would re-confirm a cancelled meeting, whatever the event.
    if (event.meeting().status() == MeetingStatus.CANCELLED) {
      toParticipants = DeliveryKind.CANCELLATION;
    }
    Map<String, DeliveryKind> owed = new LinkedHashMap<>();
    Set<String> added =
        event instanceof ParticipantsChanged changed ? keys(changed.added()) : Set.of();
    for (Participant participant : Recipients.of(event.meeting())) {
      String key = Recipients.mailboxKey(participant.email());
      owed.put(
          key,
          toParticipants == DeliveryKind.UPDATE && added.contains(key)
              ? DeliveryKind.INVITATION
              : toParticipants);
    }
    if (event instanceof ParticipantsChanged changed) {
      for (Participant removed : changed.removed()) {
        owed.putIfAbsent(Recipients.mailboxKey(removed.email()), DeliveryKind.CANCELLATION);
      }
    }
    return owed.entrySet().stream()
        .map(entry -> new Owed(entry.getKey(), entry.getValue()))
        .toList();
  }

  /**
   * The participant of {@code event} with this mailbox key: in the snapshot, or among those it
   * removed.
   */
  static Participant recipient(MeetingEvent event, String mailboxKey) {
    for (Participant participant : event.meeting().participants()) {
      if (Recipients.mailboxKey(participant.email()).equals(mailboxKey)) {
        return participant;
      }
    }
    if (event instanceof ParticipantsChanged changed) {
      for (Participant participant : changed.removed()) {
        if (Recipients.mailboxKey(participant.email()).equals(mailboxKey)) {
          return participant;
        }
      }
    }
    return null;
  }

  private static Set<String> keys(List<Participant> participants) {
    return participants.stream()
        .map(p -> Recipients.mailboxKey(p.email()))
        .collect(Collectors.toSet());
  }
}
