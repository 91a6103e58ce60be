package org.convene.notifier.delivery;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.convene.events.AnswerEvent;
import org.convene.events.MeetingEvent;
import org.convene.notifier.MeetingEventContract;
import org.convene.notifier.MeetingLogContext;
import org.convene.notifier.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the meeting events and records what each owes. Failures reach the container's error
 * handler, which retries and then publishes the record to the dead-letter topic; an event that
 * breaks the contract goes there at once, unrecorded.
 */
@Component
class MeetingEventsListener {

  static final String ID = "invitations";

  /** The W3C Trace Context header the scheduler's outbox relay sends with each event. */
  static final String TRACE_PARENT = "traceparent";

  private final DeliveryRecorder recorder;

  MeetingEventsListener(DeliveryRecorder recorder) {
    this.recorder = recorder;
  }

  @KafkaListener(id = ID, topics = "${convene.notifier.topic}")
  void on(ConsumerRecord<String, ReceivedEvent> record) {
    ReceivedEvent received = record.value();
    MeetingEvent event = received.event();
    try (MeetingLogContext context =
        MeetingLogContext.of(event.meetingId(), event.revision(), event.eventId())) {
      MeetingEventContract.check(event);
      if (event instanceof AnswerEvent answer) {
        // Answers do not revise the meeting: no calendar message, only the confirmation or quorum
        // alert they owe, keyed by their own id.
        recorder.record(received, answer);
        return;
      }
      Header traceParent = record.headers().lastHeader(TRACE_PARENT);
      recorder.record(
          received,
          new EventSource(
              record.partition(),
              record.offset(),
              traceParent == null
                  ? null
                  : new String(traceParent.value(), StandardCharsets.US_ASCII)));
    }
  }
}
