package org.convene.events;

import java.util.Objects;

/**
 * The answers of the participants of one role.
 *
 * @param role the role counted
 * @param invited participants with this role
 * @param accepted of them, those who accepted
 * @param tentative those who answered tentatively
 * @param declined those who declined
 * @param delegated those who delegated
 * @param pending those who have not answered
 */
public record RoleTally(
    ParticipantRole role,
    int invited,
    int accepted,
    int tentative,
    int declined,
    int delegated,
    int pending) {

  public RoleTally {
    Objects.requireNonNull(role, "role");
  }
}
