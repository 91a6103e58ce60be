package org.convene.notifier.reminder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.convene.events.MeetingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink until reminders are sent: logs each reminder and counts it in {@value #REMINDERS}, by
 * outcome ({@code due} or {@code missed}). Any other {@link ReminderSink} bean replaces it.
 */
final class LoggingReminderSink implements ReminderSink {

  private static final Logger log = LoggerFactory.getLogger(LoggingReminderSink.class);

  /** Reminders handed over, by outcome. */
  static final String REMINDERS = "convene.notifier.reminders";

  private final Counter due;
  private final Counter missed;

  LoggingReminderSink(MeterRegistry meters) {
    this.due = counter(meters, "due");
    this.missed = counter(meters, "missed");
  }

  @Override
  public void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {
    log.info("Reminder due: meeting {} (revision {}), {} minutes before the start, due at {}", meetingId, plannedRevision, minutesBefore, dueAt);
    due.increment();
  }

  @Override
  public void missed(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt, Instant firedAt) {
    log.warn("Reminder missed: meeting {} (revision {}), {} minutes before the start, due at {}, fired {} late", meetingId, plannedRevision,
        minutesBefore, dueAt, Duration.between(dueAt, firedAt));
    missed.increment();
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder(REMINDERS).description("Reminders handed over, by outcome").tag("outcome", outcome).register(meters);
  }
}
