package org.convene.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The title, description, place, online link or reference documents of a meeting changed. */
public record MeetingDetailsChanged(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    List<FieldChange> changes)
    implements MeetingEvent {

  static final String TYPE = "MeetingDetailsChanged";

  public MeetingDetailsChanged {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }
}
