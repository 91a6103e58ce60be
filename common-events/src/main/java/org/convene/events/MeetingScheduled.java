package org.convene.events;

import java.time.Instant;
import java.util.Objects;

/** A meeting was created; every participant is to be invited. Its revision is 1. */
public record MeetingScheduled(
    EventId eventId, MeetingId meetingId, long revision, Instant occurredAt, MeetingSnapshot meeting)
    implements MeetingEvent {

  static final String TYPE = "MeetingScheduled";

  public MeetingScheduled {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(meeting, "meeting");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1: " + revision);
    }
  }
}
