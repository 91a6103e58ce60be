package org.convene.events;

import java.time.Instant;

/**
 * A meeting was called off; every participant is owed a cancellation. Its snapshot is CANCELLED.
 */
public record MeetingCancelled(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    String reason)
    implements MeetingEvent {

  static final String TYPE = "MeetingCancelled";

  public MeetingCancelled {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
  }
}
