package org.convene.notifier.reminder;

import org.convene.events.AnswerEvent;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.convene.notifier.MeetingEventContract;
import org.convene.notifier.MeetingLogContext;
import org.convene.notifier.ReceivedEvent;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Reads the meeting events in a consumer group of its own, apart from the invitations, and plans
 * each meeting's reminders. Failures reach the container's error handler, which retries and then
 * publishes the record to the dead-letter topic; an event that breaks the contract goes there at
 * once, unplanned.
 */
@Component
class ReminderPlanningListener {

  static final String ID = "reminder-planner";

  static final String GROUP = "convene-reminder-planner";

  private final ReminderPlanner planner;

  ReminderPlanningListener(ReminderPlanner planner) {
    this.planner = planner;
  }

  @KafkaListener(
      id = ID,
      groupId = GROUP,
      topics = "${convene.notifier.topic}",
      properties =
          ReceivedEvent.SKIPPED_TYPES
              + "="
              + CloudEventHeaders.ATTENDEE_ANSWERED
              + ","
              + CloudEventHeaders.QUORUM_CHANGED
              + ","
              + CloudEventHeaders.QUORUM_RULE_CHANGED)
  void on(@Payload(required = false) ReceivedEvent received) {
    if (received == null) {
      return; // an answer's event, left unread
    }
    MeetingEvent event = received.event();
    if (event instanceof AnswerEvent) {
      // Answers travel with the meeting's events but do not revise the meeting: nothing to send or
      // plan.
      return;
    }
    try (MeetingLogContext context =
        MeetingLogContext.of(event.meetingId(), event.revision(), event.eventId())) {
      MeetingEventContract.check(event);
      planner.plan(event);
    } catch (CannotCreateTransactionException e) {
      // No connection for the planning transaction: the database is away. Said so, the error
      // handler waits for it instead of dead-lettering the event.
      throw new DataAccessResourceFailureException(
          "Cannot plan the reminders of meeting " + event.meetingId() + ": no database connection",
          e);
    }
  }
}
