package org.convene.notifier.delivery;

import org.convene.events.MeetingEvent;
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
    }
  }
}
