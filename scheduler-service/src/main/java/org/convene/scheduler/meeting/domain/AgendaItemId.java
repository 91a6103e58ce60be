package org.convene.scheduler.meeting.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies one agenda item across changes; any text a client names an item by. */
public record AgendaItemId(String value) {

  public AgendaItemId {
    Objects.requireNonNull(value, "value");
  }

  public static AgendaItemId random() {
    return new AgendaItemId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
