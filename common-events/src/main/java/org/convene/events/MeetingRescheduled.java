package org.convene.events;

import java.time.Instant;
import java.util.Objects;

/** A meeting moved to another time or time zone; {@link #previous()} is when it was before. */
public record MeetingRescheduled(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    MeetingTime previous)
    implements MeetingEvent {

  static final String TYPE = "MeetingRescheduled";

  public MeetingRescheduled {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    Objects.requireNonNull(previous, "previous");
  }
}
