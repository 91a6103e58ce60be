package org.convene.notifier.delivery;

import org.convene.events.AnswerEvent;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingScheduled;
import org.convene.notifier.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what an event owes: the event, stored as received, and one ledger row per recipient, in
 * one transaction, and nothing if the event is recorded already. Sends nothing: the Kafka partition
 * is never held by the mail server.
 */
@Service
class DeliveryRecorder {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

  private final EventLedger events;
  private final OwedLedger owed;
  private final DeliveryProperties properties;
  private final DeliveryMetrics metrics;
  private final AnswerEventLedger answerEvents;

  DeliveryRecorder(
      EventLedger events,
      OwedLedger owed,
      DeliveryProperties properties,
      DeliveryMetrics metrics,
      AnswerEventLedger answerEvents) {
    this.events = events;
    this.owed = owed;
    this.properties = properties;
    this.metrics = metrics;
    this.answerEvents = answerEvents;
  }

  /**
   * Records an answer event and what it owes (a confirmation, a quorum alert), keyed by the event's
   * id: an event consumed twice owes nothing the second time.
   */
  @Transactional
  public void record(ReceivedEvent received, AnswerEvent event) {
    String type = event.getClass().getSimpleName();
    if (!answerEvents.record(event, received.json())) {
      metrics.event(type, DeliveryMetrics.DUPLICATE);
      log.info("{} recorded before: nothing more is owed", type);
      return;
    }
    for (AnswerNotices.Owed notices : AnswerNotices.of(event)) {
      owed.oweNotices(
          notices.kind(),
          event.meetingId(),
          event.revision(),
          event.eventId(),
          notices.recipients());
    }
    metrics.event(type, DeliveryMetrics.RECORDED);
    log.info("{} recorded", type);
  }

  /** Records the event with where it came from: the topic's partition and offset, its trace. */
  @Transactional
  public void record(ReceivedEvent received, EventSource source) {
    MeetingEvent event = received.event();
    String type = event.getClass().getSimpleName();
    boolean recorded = events.record(event, received.json(), source);
    if (recorded) {
      owed.owe(event, OwedMessages.of(event), properties.quietPeriod());
      if (event instanceof MeetingScheduled scheduled) {
        for (AnswerNotices.Owed notices : AnswerNotices.ofScheduled(scheduled)) {
          owed.oweNotices(
              notices.kind(),
              event.meetingId(),
              event.revision(),
              event.eventId(),
              notices.recipients());
        }
      }
      metrics.event(type, DeliveryMetrics.RECORDED);
      log.info("{} recorded", type);
      return;
    }
    EventId first = events.recordedEventId(event.meetingId(), event.revision());
    if (event.eventId().equals(first)) {
      metrics.event(type, DeliveryMetrics.DUPLICATE);
      log.info("{} recorded before: nothing more is owed", type);
    } else {
      // Two different events claim one revision: the scheduler broke its own numbering. The first
      // stays; operators must look at both.
      metrics.event(type, DeliveryMetrics.CONFLICTING);
      log.warn(
          "{} ignored: revision {} of meeting {} is recorded already as event {}, and this is event {}",
          type,
          event.revision(),
          event.meetingId(),
          first,
          event.eventId());
    }
  }
}
