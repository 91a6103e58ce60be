package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.convene.events.MeetingScheduled;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The trace the scheduler sends with an event (its traceparent header) is kept with the event and
 * continued when its messages go out: the trace id is in the log line of each message sent.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracedDeliveryIntegrationTests extends NotifierTestSupport {

  private static final String TRACE_ID = "5c1f2a3b4d5e6f708192a3b4c5d6e7f8";
  private static final String TRACE_PARENT = "00-" + TRACE_ID + "-a1b2c3d4e5f60718-01";

  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired MeterRegistry meters;

  /**
   * Only the listener whose work ends in e-mails observes each record (a span in the event's trace,
   * timers); the reminder planner and the answers listener, which keep state and read every event
   * of the topic, do not pay for one per record.
   */
  @Test
  void onlyTheListenerThatOwesMessagesObservesEachRecord() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("observed"));
    MeetingScheduled scheduled = story.scheduled();
    send(
        TOPIC,
        scheduled.meetingId().toString(),
        json.writeValueAsBytes(scheduled),
        cloudEventHeaders(scheduled.eventId().toString(), scheduled.cloudEventType()));
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                TestSmtp.receivedFor(story.domain()).size()
                    >= scheduled.meeting().participants().size());

    assertThat(observedListeners()).anyMatch(id -> id.startsWith("invitations"));
    assertThat(observedListeners())
        .noneMatch(id -> id.startsWith("reminder-planner") || id.startsWith("attendee-answers"));
    assertThat(listeners.getListenerContainer("reminder-planner").getContainerProperties())
        .returns(false, ContainerProperties::isObservationEnabled);
    assertThat(listeners.getListenerContainer("attendee-answers").getContainerProperties())
        .returns(false, ContainerProperties::isObservationEnabled);
  }

  /** The listeners that timed a record, by the id the observation's timers carry. */
  private List<String> observedListeners() {
    return meters.find("spring.kafka.listener").timers().stream()
        .map(timer -> timer.getId().getTag("spring.kafka.listener.id"))
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  @Test
  void eachMessageOfATracedEventIsSentInItsTrace(CapturedOutput output) {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("traced"));
    MeetingScheduled scheduled = story.scheduled();
    List<Header> headers =
        new ArrayList<>(
            cloudEventHeaders(scheduled.eventId().toString(), scheduled.cloudEventType()));
    headers.add(new RecordHeader("traceparent", TRACE_PARENT.getBytes()));

    send(TOPIC, scheduled.meetingId().toString(), json.writeValueAsBytes(scheduled), headers);

    int recipients = scheduled.meeting().participants().size();
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() >= recipients);
    assertThat(
            jdbc.sql("select trace_parent from meeting_event where event_id = :id")
                .param("id", scheduled.eventId().value())
                .query(String.class)
                .single())
        .isEqualTo(TRACE_PARENT);
    await()
        .atMost(DELIVERY)
        .untilAsserted(
            () ->
                assertThat(output.getOut().lines())
                    .filteredOn(line -> line.contains("Sent ") && line.contains(story.domain()))
                    .hasSize(recipients)
                    .allSatisfy(line -> assertThat(line).contains(TRACE_ID)));
  }
}
