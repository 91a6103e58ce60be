package org.convene.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one published event; also its CloudEvents {@code ce_id}. */
public record EventId(@JsonValue UUID value) {

  public EventId {
    Objects.requireNonNull(value, "value");
  }

  @JsonCreator
  public static EventId of(UUID value) {
    return new EventId(value);
  }

  public static EventId random() {
    return new EventId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
