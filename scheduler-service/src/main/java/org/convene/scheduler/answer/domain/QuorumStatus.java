package org.convene.scheduler.answer.domain;

import org.convene.scheduler.meeting.domain.QuorumRule;

/** The quorum as the answers stand: counts of voting members only. */
public record QuorumStatus(
    QuorumRule rule,
    int voters,
    int required,
    int accepted,
    int tentative,
    int pending,
    QuorumState state) {

  /**
   * Projects the state from the counts; {@code pending} are the voting members who have not
   * answered.
   */
  public static QuorumStatus of(
      QuorumRule rule, int voters, int accepted, int tentative, int pending) {
    int required = rule.required(voters);
    QuorumState state;
    if (accepted >= required) {
      state = QuorumState.MET;
    } else if (accepted + tentative + pending >= required) {
      state = QuorumState.AT_RISK;
    } else {
      state = QuorumState.UNREACHABLE;
    }
    return new QuorumStatus(rule, voters, required, accepted, tentative, pending, state);
  }
}
