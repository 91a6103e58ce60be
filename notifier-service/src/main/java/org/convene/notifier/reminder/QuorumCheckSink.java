package org.convene.notifier.reminder;

import java.time.Instant;
import org.convene.events.MeetingId;

/**
 * Where a meeting's quorum check goes when its trigger fires, at a lead time before the start: if
 * the quorum is still at risk, the organiser and the chair are alerted and the voting members who
 * have not answered nudged. Planned, moved and dropped with the meeting's reminders, and handed
 * over as they are: the same check may come more than once, so implementations must do nothing the
 * second time, such as by keying what they record on (meeting, planned revision, minutes before).
 * The delivery ledger implements it.
 */
public interface QuorumCheckSink {

  /**
   * The check is due.
   *
   * @param plannedRevision the meeting revision that set this check's time
   * @param minutesBefore its lead time before the start
   * @param dueAt the start, in the meeting's zone, minus the lead time
   */
  void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt);
}
