package org.convene.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one meeting for its whole life; also the Kafka record key and the iCalendar UID. */
public record MeetingId(@JsonValue UUID value) {

  public MeetingId {
    Objects.requireNonNull(value, "value");
  }

  @JsonCreator
  public static MeetingId of(UUID value) {
    return new MeetingId(value);
  }

  public static MeetingId parse(String text) {
    return new MeetingId(UUID.fromString(text));
  }

  public static MeetingId random() {
    return new MeetingId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
