package org.convene.events;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * When a meeting takes place: wall-clock start and end in an IANA zone.
 *
 * @param start local start time
 * @param end local end time
 * @param timeZone IANA zone id
 */
public record MeetingTime(LocalDateTime start, LocalDateTime end, String timeZone) {

  public MeetingTime {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(timeZone, "timeZone");
  }
}
