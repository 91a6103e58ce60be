package org.convene.scheduler.meeting.domain;

import java.time.Duration;
import java.util.Objects;

/** The largest meetings that are accepted. */
public record MeetingLimits(int maxParticipants, int maxAgendaItems, Duration maxDuration) {

  public MeetingLimits {
    Objects.requireNonNull(maxDuration, "maxDuration");
  }
}
