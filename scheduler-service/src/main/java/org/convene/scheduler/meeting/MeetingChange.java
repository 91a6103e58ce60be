package org.convene.scheduler.meeting;

import java.time.Instant;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;

/**
 * What one operation does to a meeting: the meeting after it, and how to describe it as an
 * event once it has a revision. A change that changes nothing is not stored and publishes nothing.
 */
public record MeetingChange(MeetingSnapshot after, boolean changesNothing, EventFactory event) {

  /** Builds the event of a change, given what only the store knows. */
  @FunctionalInterface
  public interface EventFactory {
    MeetingEvent create(EventId eventId, MeetingId meetingId, long revision, Instant occurredAt, MeetingSnapshot meeting);
  }

  public static MeetingChange none(MeetingSnapshot unchanged) {
    return new MeetingChange(unchanged, true, null);
  }
}
