package org.convene.scheduler.meeting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingRepository.StoredMeeting;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The meetings read last, parsed, the most recently used kept. A meeting's document changes only
 * with its revision (each update moves it on by exactly one), so a meeting known at the revision
 * the database has is the meeting: a read can skip transferring and parsing its document, about 15
 * KB of JSON for 100 people, read once or twice for every answer. Only what was committed is kept:
 * a read in a transaction is kept once it commits, since it may see the transaction's own change,
 * which a rollback would take back while another change could commit under the same revision.
 */
final class ParsedMeetings {

  private final Map<MeetingId, StoredMeeting> recent;

  ParsedMeetings(int capacity) {
    this.recent =
        new LinkedHashMap<>(capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<MeetingId, StoredMeeting> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The meeting as last read, at whatever revision, if it is still kept. */
  synchronized StoredMeeting get(MeetingId id) {
    return recent.get(id);
  }

  /** Keeps a meeting just read, once the transaction that read it has committed. */
  void keep(MeetingId id, StoredMeeting meeting) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              put(id, meeting);
            }
          });
    } else {
      put(id, meeting);
    }
  }

  private synchronized void put(MeetingId id, StoredMeeting meeting) {
    StoredMeeting known = recent.get(id);
    if (known == null || known.revision() < meeting.revision()) {
      recent.put(id, meeting);
    }
  }
}
