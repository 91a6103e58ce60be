package org.convene.notifier.delivery;

import org.convene.events.AnswerEvent;
import org.convene.events.MeetingEvent;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the meeting events and records what each owes. Failures reach the container's error
 * handler, which retries and then publishes the record to the dead-letter topic.
 */
@Component
class MeetingEventsListener {

  static final String ID = "invitations";

  private final DeliveryRecorder recorder;

  MeetingEventsListener(DeliveryRecorder recorder) {
    this.recorder = recorder;
  }

  @KafkaListener(id = ID, topics = "${convene.notifier.topic}")
  void on(MeetingEvent event) {
    if (event instanceof AnswerEvent) {
      // Answers travel with the meeting's events but do not revise the meeting: nothing to send or plan.
      return;
    }
    MDC.put("meetingId", event.meetingId().toString());
    MDC.put("revision", Long.toString(event.revision()));
    MDC.put("eventId", event.eventId().toString());
    try {
      recorder.record(event);
    } finally {
      MDC.remove("meetingId");
      MDC.remove("revision");
      MDC.remove("eventId");
    }
  }
}
