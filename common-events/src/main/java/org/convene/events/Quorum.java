package org.convene.events;

import java.util.Objects;

/**
 * A meeting's quorum as its answers stand. Only voting members count (the chair too, unless the
 * rule says otherwise); non-voting, optional and information participants never do.
 *
 * @param rule how the quorum is worked out
 * @param voters voting members invited
 * @param required voting members who must attend
 * @param accepted voting members who accepted
 * @param tentative voting members who answered tentatively
 * @param pending voting members who have not answered
 * @param state the projected state
 */
public record Quorum(
    QuorumRule rule,
    int voters,
    int required,
    int accepted,
    int tentative,
    int pending,
    QuorumState state) {

  public Quorum {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(state, "state");
  }
}
