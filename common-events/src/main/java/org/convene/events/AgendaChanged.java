package org.convene.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A meeting's agenda changed; {@link #changes()} lists each item's change in agenda order. */
public record AgendaChanged(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    List<AgendaItemChange> changes)
    implements MeetingEvent {

  static final String TYPE = "AgendaChanged";

  public AgendaChanged {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }
}
