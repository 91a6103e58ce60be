package org.convene.notifier.reminder;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.convene.events.MeetingId;

/**
 * Who answered that they will not attend (declined, or delegated to somebody else), so that
 * reminders leave them out: when a reminder is handed over, and again when it is sent, since an
 * answer may arrive in between.
 */
@FunctionalInterface
public interface AbsentAttendees {

  /**
   * For each of these meetings that has any, the mailbox keys of the people whose latest answer is
   * a decline or a delegation.
   */
  Map<MeetingId, Set<String>> absent(Collection<MeetingId> meetingIds);

  /** As {@link #absent(Collection)}, for one meeting. */
  default Set<String> absent(MeetingId meetingId) {
    return absent(Set.of(meetingId)).getOrDefault(meetingId, Set.of());
  }
}
