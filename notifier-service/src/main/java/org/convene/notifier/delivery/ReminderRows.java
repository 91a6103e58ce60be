package org.convene.notifier.delivery;

import java.time.Instant;
import java.util.List;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.notifier.reminder.ReminderLedger;
import org.springframework.stereotype.Component;

/** The delivery ledger as reminders record into it: a fired reminder's rows, kind REMINDER. */
@Component
class ReminderRows implements ReminderLedger {

  private final BatchEvents events;
  private final OwedLedger owed;

  ReminderRows(BatchEvents events, OwedLedger owed) {
    this.events = events;
    this.owed = owed;
  }

  @Override
  public MeetingEvent latest(MeetingId meetingId) {
    return events.newest(meetingId);
  }

  @Override
  public int owe(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      EventId eventId,
      List<String> recipients,
      boolean missed) {
    return owed.oweReminders(
        meetingId,
        plannedRevision,
        minutesBefore,
        dueAt,
        eventId,
        recipients,
        missed ? DeliveryStatus.MISSED : DeliveryStatus.PENDING);
  }
}
