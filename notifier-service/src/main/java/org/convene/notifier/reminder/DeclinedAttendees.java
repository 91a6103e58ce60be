package org.convene.notifier.reminder;

import java.util.Set;
import org.convene.events.MeetingId;

/** Who declined a meeting, so that its reminders leave them out. */
@FunctionalInterface
interface DeclinedAttendees {

  /** The mailbox keys of the people whose latest answer to the meeting is a decline. */
  Set<String> declined(MeetingId meetingId);
}
