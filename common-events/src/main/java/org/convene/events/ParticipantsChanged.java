package org.convene.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * People were invited to or removed from a meeting, directly or through a group, or their role
 * changed. The removed ones are no longer in the snapshot; they are owed a cancellation.
 */
public record ParticipantsChanged(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    List<Participant> added,
    List<Participant> removed,
    List<RoleChange> roleChanges)
    implements MeetingEvent {

  static final String TYPE = "ParticipantsChanged";

  public ParticipantsChanged {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    added = List.copyOf(Objects.requireNonNull(added, "added"));
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    roleChanges = roleChanges == null ? List.of() : List.copyOf(roleChanges);
  }
}
