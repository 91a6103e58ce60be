package org.convene.notifier.delivery;

import java.util.Map;
import org.convene.events.Answer;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumState;
import org.convene.notifier.invitation.Recipients;

/**
 * The quorum as the contract defines it, worked out here where the scheduler's own figures (carried
 * by every answer event) are missing or out of date: for a meeting that has had no answer event
 * yet, and for one whose people changed since its newest answer event without moving the state
 * (that change publishes no figures). It must give the scheduler's figures: only voting members
 * count, and the chair unless the rule leaves the chair out; a majority is floor(n / 2) + 1, a
 * fraction is rounded up, a fixed number is that number; every recorded answer counts, whatever
 * revision it answered.
 */
final class QuorumArithmetic {

  private QuorumArithmetic() {}

  /** Whether a participant of this role counts for the quorum under {@code rule}. */
  static boolean counts(QuorumRule rule, ParticipantRole role) {
    return role == ParticipantRole.VOTING || (role == ParticipantRole.CHAIR && rule.chairCounts());
  }

  /** How many of {@code voters} voting members must attend under {@code rule}. */
  static int required(QuorumRule rule, int voters) {
    return switch (rule.kind()) {
      case MAJORITY -> voters / 2 + 1;
      // Integer arithmetic, as the scheduler's: 15 % of 10 is 1.5, rounded up to 2.
      case FRACTION -> (voters * rule.value() + 99) / 100;
      case FIXED -> rule.value();
    };
  }

  /** The quorum of a meeting nobody has answered, under the meeting's own rule. */
  static Quorum nobodyAnswered(MeetingSnapshot meeting) {
    return asAnswered(meeting, meeting.quorumRule(), Map.of());
  }

  /**
   * The quorum of a meeting's people under {@code rule}, given each person's latest answer by
   * mailbox key ({@link Recipients#mailboxKey}); people without one have not answered.
   */
  static Quorum asAnswered(MeetingSnapshot meeting, QuorumRule rule, Map<String, Answer> answers) {
    int voters = 0;
    int accepted = 0;
    int tentative = 0;
    int pending = 0;
    for (Participant participant : meeting.participants()) {
      if (!counts(rule, participant.role())) {
        continue;
      }
      voters++;
      Answer answer = answers.get(Recipients.mailboxKey(participant.email()));
      if (answer == null) {
        pending++;
      } else if (answer == Answer.ACCEPTED) {
        accepted++;
      } else if (answer == Answer.TENTATIVE) {
        tentative++;
      }
    }
    int required = required(rule, voters);
    QuorumState state;
    if (accepted >= required) {
      // Also a fraction of no voting members at all: the scheduler counts that as met.
      state = QuorumState.MET;
    } else if (accepted + tentative + pending >= required) {
      state = QuorumState.AT_RISK;
    } else {
      state = QuorumState.UNREACHABLE;
    }
    return new Quorum(rule, voters, required, accepted, tentative, pending, state);
  }
}
