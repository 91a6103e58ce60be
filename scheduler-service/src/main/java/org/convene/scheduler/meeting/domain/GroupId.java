package org.convene.scheduler.meeting.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies a group of people invited together. */
public record GroupId(UUID value) {

  public GroupId {
    Objects.requireNonNull(value, "value");
  }

  public static GroupId of(UUID value) {
    return new GroupId(value);
  }

  public static GroupId random() {
    return new GroupId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
