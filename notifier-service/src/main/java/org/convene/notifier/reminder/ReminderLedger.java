package org.convene.notifier.reminder;

import java.time.Instant;
import java.util.List;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;

/**
 * Where a fired reminder is recorded as owed messages, for the dispatchers to send like any other:
 * the delivery ledger, which implements it. Reminders know nothing of how it is stored.
 */
public interface ReminderLedger {

  /** The newest recorded event of the meeting, or {@code null} if none is recorded. */
  MeetingEvent latest(MeetingId meetingId);

  /**
   * Records one reminder to each recipient, owed now or, if {@code missed}, recorded as missed and
   * never sent, keyed by the planned revision and the minutes before the start. A reminder recorded
   * before keeps its rows as they are.
   *
   * @param eventId the event whose snapshot named the recipients
   * @param recipients mailbox keys
   * @return how many rows are new
   */
  int owe(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      EventId eventId,
      List<String> recipients,
      boolean missed);
}
