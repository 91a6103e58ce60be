package org.convene.scheduler.meeting;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A wall-clock time as a request gives it: {@code 2026-12-03T09:30}, or with its UTC offset, {@code
 * 2027-10-31T02:30+02:00}, which is how a time in an hour that occurs twice (as the clocks go back)
 * says which occurrence it means.
 *
 * @param offset {@code null} when none was given
 */
public record WallClockTime(LocalDateTime local, ZoneOffset offset) {

  public WallClockTime {
    Objects.requireNonNull(local, "local");
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static WallClockTime parse(String text) {
    try {
      return new WallClockTime(LocalDateTime.parse(text), null);
    } catch (DateTimeParseException withoutOffset) {
      OffsetDateTime withOffset = OffsetDateTime.parse(text);
      return new WallClockTime(withOffset.toLocalDateTime(), withOffset.getOffset());
    }
  }
}
