package org.convene.notifier.delivery;

import org.convene.events.AgendaChanged;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.ParticipantsChanged;
import org.convene.events.MeetingScheduled;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the meeting events. Failures reach the container's error handler, which retries and
 * then publishes the record to the dead-letter topic.
 */
@Component
class MeetingEventsListener {

  static final String ID = "invitations";

  private final InvitationDelivery invitations;

  MeetingEventsListener(InvitationDelivery invitations) {
    this.invitations = invitations;
  }

  @KafkaListener(id = ID, topics = "${convene.notifier.topic}")
  void on(MeetingEvent event) {
    // Exhaustive over the sealed contract: a new event type does not compile until handled here.
    switch (event) {
      case MeetingScheduled scheduled -> invitations.deliver(scheduled);
      // Until updates and cancellations have their own messages, every current participant
      // gets the updated invitation (a REQUEST with the new SEQUENCE), which calendars apply.
      case MeetingDetailsChanged changed -> invitations.deliver(changed);
      case MeetingRescheduled rescheduled -> invitations.deliver(rescheduled);
      case AgendaChanged changed -> invitations.deliver(changed);
      case ParticipantsChanged changed -> invitations.deliver(changed);
      // A REQUEST would re-confirm a cancelled meeting: refuse visibly (dead-letter topic)
      // rather than send something wrong or drop it.
      case MeetingCancelled cancelled ->
          throw new UnsupportedOperationException("Cancellations are not sent yet: meeting " + cancelled.meetingId()
              + " revision " + cancelled.revision());
    }
  }
}
