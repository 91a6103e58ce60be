package org.convene.notifier.delivery;

import org.convene.events.AnswerEvent;
import org.convene.events.MeetingEvent;
import org.convene.notifier.MeetingEventContract;
import org.convene.notifier.MeetingLogContext;
import org.convene.notifier.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Reads the meeting events and records what each owes. Failures reach the container's error
 * handler, which retries and then publishes the record to the dead-letter topic; an event that
 * breaks the contract goes there at once, unrecorded.
 */
@Component
class MeetingEventsListener {

  static final String ID = "invitations";

  private final DeliveryRecorder recorder;

  MeetingEventsListener(DeliveryRecorder recorder) {
    this.recorder = recorder;
  }

  @KafkaListener(id = ID, topics = "${convene.notifier.topic}")
  void on(
      ReceivedEvent received,
      @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
      @Header(KafkaHeaders.OFFSET) long offset) {
    MeetingEvent event = received.event();
    if (event instanceof AnswerEvent) {
      // Answers travel with the meeting's events but do not revise the meeting: nothing to send or
      // plan.
      return;
    }
    try (MeetingLogContext context =
        MeetingLogContext.of(event.meetingId(), event.revision(), event.eventId())) {
      MeetingEventContract.check(event);
      recorder.record(received, partition, offset);
    }
  }
}
