package org.convene.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The organiser gave the meeting another quorum rule. Published on every change of the rule, so
 * that readers know the rule and the figures it gives even when the state stayed as it was; when
 * the state moved, a {@link QuorumChanged} follows it. Like the other {@link AnswerEvent}s, it does
 * not revise the meeting: {@link #revision()} is the meeting's current revision.
 *
 * @param meeting the meeting as it stands, with the new rule
 * @param previous the rule before
 * @param quorum the quorum now, under the new rule
 */
public record QuorumRuleChanged(
    EventId eventId,
    MeetingId meetingId,
    long revision,
    Instant occurredAt,
    MeetingSnapshot meeting,
    QuorumRule previous,
    Quorum quorum)
    implements AnswerEvent {

  static final String TYPE = "QuorumRuleChanged";

  public QuorumRuleChanged {
    MeetingEvent.requireCommon(eventId, meetingId, revision, occurredAt, meeting);
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(quorum, "quorum");
    if (previous.equals(quorum.rule())) {
      throw new IllegalArgumentException("A rule change needs a different rule: " + previous);
    }
    if (!quorum.rule().equals(meeting.quorumRule())) {
      throw new IllegalArgumentException(
          "The quorum's rule "
              + quorum.rule()
              + " is not the meeting's rule "
              + meeting.quorumRule());
    }
  }
}
