package org.convene.notifier.reminder;

import org.convene.events.AttendeeAnswered;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.convene.notifier.MeetingLogContext;
import org.convene.notifier.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Reads the meeting events in a consumer group of its own and keeps each person's latest answer;
 * every other event is for the invitations and the reminder planner. Failures reach the container's
 * error handler like the other listeners'.
 */
@Component
class AttendeeAnswersListener {

  static final String ID = "attendee-answers";

  static final String GROUP = "convene-notifier-answers";

  private final AttendeeAnswers answers;

  AttendeeAnswersListener(AttendeeAnswers answers) {
    this.answers = answers;
  }

  @KafkaListener(
      id = ID,
      groupId = GROUP,
      topics = "${convene.notifier.topic}",
      properties =
          ReceivedEvent.SKIPPED_TYPES
              + "="
              + CloudEventHeaders.SCHEDULED
              + ","
              + CloudEventHeaders.DETAILS_CHANGED
              + ","
              + CloudEventHeaders.RESCHEDULED
              + ","
              + CloudEventHeaders.AGENDA_CHANGED
              + ","
              + CloudEventHeaders.PARTICIPANTS_CHANGED
              + ","
              + CloudEventHeaders.CANCELLED
              + ","
              + CloudEventHeaders.QUORUM_CHANGED
              + ","
              + CloudEventHeaders.QUORUM_RULE_CHANGED)
  void on(@Payload(required = false) ReceivedEvent received) {
    if (received == null) {
      return; // an event of another type, left unread
    }
    MeetingEvent event = received.event();
    if (!(event instanceof AttendeeAnswered answered)) {
      return;
    }
    try (MeetingLogContext context =
        MeetingLogContext.of(event.meetingId(), event.revision(), event.eventId())) {
      answers.record(answered);
    }
  }
}
