package org.convene.events;

import java.time.Instant;

/** A meeting was created; every participant is to be invited. Its revision is 1. */
public record MeetingScheduled(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting)
    implements MeetingEvent {

  static final String TYPE = "MeetingScheduled";

  public MeetingScheduled {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
  }
}
