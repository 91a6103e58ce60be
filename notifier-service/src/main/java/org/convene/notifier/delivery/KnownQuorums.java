package org.convene.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRuleChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each meeting's quorum as the notifier knows it: from the newest answer event (every answer, and
 * every change of state, carries the quorum as it then stood; a change of the meeting's people that
 * moves the state is published as a {@link QuorumChanged} too, and every change of the rule as a
 * {@link QuorumRuleChanged}, whether or not it moved the state). A meeting that has had no answer
 * event yet has had no answer: its quorum is worked out from the snapshot, under the rule the
 * snapshot carries, with nobody accepted.
 */
@Component
class KnownQuorums {

  private static final Logger log = LoggerFactory.getLogger(KnownQuorums.class);

  private final AnswerEventLedger ledger;
  private final JsonMapper jsonMapper;

  KnownQuorums(AnswerEventLedger ledger, JsonMapper jsonMapper) {
    this.ledger = ledger;
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
              Quorum quorum = read(meetingId, json);
              if (quorum != null) {
                quorums.put(meetingId, quorum);
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

  private Quorum read(MeetingId meetingId, String json) {
    try {
      return switch (jsonMapper.readValue(json, MeetingEvent.class)) {
        case AttendeeAnswered answered -> answered.quorum();
        case QuorumChanged changed -> changed.quorum();
        case QuorumRuleChanged ruleChanged -> ruleChanged.quorum();
        default -> null;
      };
    } catch (JacksonException e) {
      log.error("The newest answer event of meeting {} cannot be read", meetingId, e);
      return null;
    }
  }
}
