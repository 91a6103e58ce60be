package org.convene.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A meeting's projected quorum moved from one state to another because of an answer. Like {@link
 * AttendeeAnswered}, it does not revise the meeting: {@link #revision()} is the meeting's current
 * revision.
 *
 * @param from the state before
 * @param to the state now
 * @param quorum the quorum now
 */
public record QuorumChanged(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    QuorumState from,
    QuorumState to,
    Quorum quorum)
    implements AnswerEvent {

  static final String TYPE = "QuorumChanged";

  public QuorumChanged {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(quorum, "quorum");
    if (from == to) {
      throw new IllegalArgumentException("A quorum change needs two different states: " + from);
    }
  }
}
