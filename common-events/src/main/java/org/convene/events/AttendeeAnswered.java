package org.convene.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An invited person answered the invitation, by calendar reply or by link, and the answer was
 * recorded: it is newer than any answer of theirs before.
 *
 * <p>{@link #revision()} is the meeting's current revision (the answer does not change it); {@link
 * #answeredRevision()} is the revision the person answered, which is older when they replied to an
 * invitation that has since been updated: such an answer does not confirm the new time or place.
 *
 * @param attendee the person's mailbox address, as invited
 * @param name the person's display name
 * @param role the person's role in the meeting
 * @param answer what they answered
 * @param delegatedTo to whom they delegated, when {@code answer} is {@link Answer#DELEGATED}; else
 *     {@code null}
 * @param answeredRevision the meeting revision (iCalendar {@code SEQUENCE}) the answer refers to
 * @param channel how the answer arrived
 * @param comment the person's comment, one line; {@code null} when there is none
 * @param answeredAt when the person answered (the reply's {@code DTSTAMP}, or the time of the link
 *     answer)
 * @param previous their answer before this one; {@code null} for their first
 * @param tallies the answers per role after this one, one entry per role present
 * @param quorum the quorum after this answer
 */
public record AttendeeAnswered(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    String attendee,
    String name,
    ParticipantRole role,
    Answer answer,
    String delegatedTo,
    long answeredRevision,
    AnswerChannel channel,
    String comment,
    Instant answeredAt,
    Answer previous,
    List<RoleTally> tallies,
    Quorum quorum)
    implements AnswerEvent {

  static final String TYPE = "AttendeeAnswered";

  public AttendeeAnswered {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    Objects.requireNonNull(attendee, "attendee");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(answeredAt, "answeredAt");
    Objects.requireNonNull(quorum, "quorum");
    tallies = tallies == null ? List.of() : List.copyOf(tallies);
    if (answeredRevision < 1 || answeredRevision > revision) {
      throw new IllegalArgumentException(
          "answeredRevision must be between 1 and revision " + revision + ": " + answeredRevision);
    }
  }
}
