package org.convene.notifier.delivery;

import org.convene.events.MeetingSnapshot;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumState;

/**
 * The quorum as the contract defines it, worked out here for a meeting that has had no answer event
 * yet (the scheduler publishes its own figures with every answer). It must give the scheduler's
 * figures: only voting members count, and the chair unless the rule leaves the chair out; a
 * majority is floor(n / 2) + 1, a fraction is rounded up, a fixed number is that number.
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
    QuorumRule rule = meeting.quorumRule();
    int voters = (int) meeting.participants().stream().filter(p -> counts(rule, p.role())).count();
    int required = required(rule, voters);
    QuorumState state;
    if (required <= 0) {
      // A fraction of no voting members at all: the scheduler counts that as met.
      state = QuorumState.MET;
    } else if (voters >= required) {
      state = QuorumState.AT_RISK;
    } else {
      state = QuorumState.UNREACHABLE;
    }
    return new Quorum(rule, voters, required, 0, 0, voters, state);
  }
}
