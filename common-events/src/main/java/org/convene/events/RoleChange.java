package org.convene.events;

import java.util.Objects;

/**
 * A participant who stays invited with another role.
 *
 * @param email the participant's address
 * @param name the participant's display name
 * @param before the role before the change
 * @param after the role after the change
 */
public record RoleChange(String email, String name, ParticipantRole before, ParticipantRole after) {

  public RoleChange {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
