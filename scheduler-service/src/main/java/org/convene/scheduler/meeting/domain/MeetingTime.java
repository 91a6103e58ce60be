package org.convene.scheduler.meeting.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/** When a meeting takes place: wall-clock start and end in a region-based zone. */
public record MeetingTime(LocalDateTime start, LocalDateTime end, ZoneId zone) {

  public MeetingTime {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
  }

  public Instant startInstant() {
    return start.atZone(zone).toInstant();
  }

  public Instant endInstant() {
    return end.atZone(zone).toInstant();
  }
}
