package org.convene.notifier;

import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.slf4j.MDC;

/**
 * The meeting, revision and event a thread works on, in the log context ({@code meetingId}, {@code
 * revision}, {@code eventId}, which the log pattern prints) until closed: the one way every part of
 * the notifier sets them.
 *
 * <pre>{@code
 * try (MeetingLogContext context = MeetingLogContext.of(meetingId, revision, eventId)) { ... }
 * }</pre>
 */
public final class MeetingLogContext implements AutoCloseable {

  static final String MEETING_ID = "meetingId";
  static final String REVISION = "revision";
  static final String EVENT_ID = "eventId";

  private static final MeetingLogContext OPEN = new MeetingLogContext();

  private MeetingLogContext() {}

  /**
   * @param eventId {@code null} where no single event is concerned
   */
  public static MeetingLogContext of(MeetingId meetingId, long revision, EventId eventId) {
    MDC.put(MEETING_ID, meetingId.toString());
    MDC.put(REVISION, Long.toString(revision));
    if (eventId != null) {
      MDC.put(EVENT_ID, eventId.toString());
    } else {
      MDC.remove(EVENT_ID);
    }
    return OPEN;
  }

  @Override
  public void close() {
    MDC.remove(MEETING_ID);
    MDC.remove(REVISION);
    MDC.remove(EVENT_ID);
  }
}
