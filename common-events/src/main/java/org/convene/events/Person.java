package org.convene.events;

import java.util.Objects;

/**
 * A named mailbox, such as a meeting's organiser.
 *
 * @param name display name, as it should appear in e-mail headers and calendars
 * @param email the mailbox address
 */
public record Person(String name, String email) {

  public Person {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }
}
