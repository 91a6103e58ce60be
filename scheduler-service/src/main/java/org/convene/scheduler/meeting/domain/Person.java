package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/** A named mailbox, such as a meeting's organiser. */
public record Person(String name, Mailbox mailbox) {

  public Person {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mailbox, "mailbox");
    name = name.strip();
  }
}
