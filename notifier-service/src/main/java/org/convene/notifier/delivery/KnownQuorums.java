package org.convene.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.convene.events.Answer;
import org.convene.events.AnswerEvent;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRuleChanged;
import org.convene.notifier.invitation.KnownAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each meeting's quorum as the notifier knows it: from the newest answer event (every answer, and
 * every change of state, carries the quorum as it then stood; a change of the meeting's people that
 * moves the state is published as a {@link QuorumChanged} too, and every change of the rule as a
 * {@link QuorumRuleChanged}, whether or not it moved the state). Its figures hold while the meeting
 * has the people that event carried. After a change of people that left the state as it was (a
 * voting member invited to a meeting at risk), nothing carries the new figures: they are worked out
 * from the people as they stand, the answers recorded and the newest event's rule (a new rule is an
 * answer event of its own and does not revise the meeting, so the snapshot may carry the one
 * before), so that an alert does not count the old voting members. A meeting that has had no answer
 * event yet has had no answer: the same arithmetic, with nobody answered.
 */
@Component
class KnownQuorums {

  private static final Logger log = LoggerFactory.getLogger(KnownQuorums.class);

  private final AnswerEventLedger ledger;
  private final KnownAnswers answers;
  private final JsonMapper jsonMapper;

  KnownQuorums(AnswerEventLedger ledger, KnownAnswers answers, JsonMapper jsonMapper) {
    this.ledger = ledger;
    this.answers = answers;
    this.jsonMapper = jsonMapper;
  }

  /** The quorum of each meeting, given its snapshot as it stands. */
  Map<MeetingId, Quorum> of(Map<MeetingId, MeetingSnapshot> meetings) {
    Map<MeetingId, Quorum> quorums = new HashMap<>();
    Collection<MeetingId> ids = meetings.keySet();
    ledger
        .latestPayloads(ids)
        .forEach(
            (meetingId, json) -> {
              AnswerEvent newest = read(meetingId, json);
              if (newest != null) {
                Quorum known = quorumOf(newest);
                MeetingSnapshot meeting = meetings.get(meetingId);
                quorums.put(
                    meetingId,
                    newest.meeting().participants().equals(meeting.participants())
                        ? known
                        : QuorumArithmetic.asAnswered(meeting, known.rule(), answersTo(meetingId)));
              }
            });
    meetings.forEach(
        (meetingId, meeting) -> quorums.computeIfAbsent(meetingId, id -> unanswered(meeting)));
    return quorums;
  }

  /** The quorum of one meeting, given its snapshot as it stands. */
  Quorum of(MeetingId meetingId, MeetingSnapshot meeting) {
    return of(Map.of(meetingId, meeting)).get(meetingId);
  }

  /**
   * A meeting's quorum before anybody answered, under the meeting's rule (the default for a
   * snapshot written before snapshots carried it).
   */
  static Quorum unanswered(MeetingSnapshot meeting) {
    return QuorumArithmetic.nobodyAnswered(meeting);
  }

  private static Quorum quorumOf(AnswerEvent event) {
    return switch (event) {
      case AttendeeAnswered answered -> answered.quorum();
      case QuorumChanged changed -> changed.quorum();
      case QuorumRuleChanged ruleChanged -> ruleChanged.quorum();
    };
  }

  private Map<String, Answer> answersTo(MeetingId meetingId) {
    Map<String, Answer> latest = new HashMap<>();
    answers.of(meetingId).forEach((mailbox, known) -> latest.put(mailbox, known.answer()));
    return latest;
  }

  private AnswerEvent read(MeetingId meetingId, String json) {
    try {
      if (jsonMapper.readValue(json, MeetingEvent.class) instanceof AnswerEvent event) {
        return event;
      }
      log.error("The newest answer event of meeting {} is not an answer event", meetingId);
      return null;
    } catch (JacksonException e) {
      log.error("The newest answer event of meeting {} cannot be read", meetingId, e);
      return null;
    }
  }
}
