package org.convene.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and reads the recorded events a batch needs, each once per batch: for each message to send,
 * its revision and, for an update, the revision its recipient last got (not the ones in between:
 * the update is worded from these two snapshots); for reminders, their meetings' newest. An event
 * that cannot be read is left out, logged: its messages fail, naming the revision, and the rest of
 * the batch goes on.
 */
@Component
class BatchEvents {

  private static final Logger log = LoggerFactory.getLogger(BatchEvents.class);

  private final EventLedger ledger;
  private final JsonMapper jsonMapper;

  BatchEvents(EventLedger ledger, JsonMapper jsonMapper) {
    this.ledger = ledger;
    this.jsonMapper = jsonMapper;
  }

  /** One recorded event a batch needs: a meeting at one revision. */
  record Revision(MeetingId meetingId, long revision) {}

  /**
   * The events at these revisions (each read once, however many messages need it) and the newest of
   * {@code newestOf}.
   */
  Events load(Collection<Revision> revisions, Collection<MeetingId> newestOf) {
    Map<MeetingId, SortedSet<Long>> byMeeting = new LinkedHashMap<>();
    for (Revision needed : revisions) {
      byMeeting.computeIfAbsent(needed.meetingId(), id -> new TreeSet<>()).add(needed.revision());
    }
    Events events = new Events();
    byMeeting.forEach(
        (meetingId, needed) -> {
          Map<Long, MeetingEvent> byRevision = new HashMap<>();
          ledger
              .payloads(meetingId, needed)
              .forEach(
                  (revision, json) -> {
                    MeetingEvent event = read(json, meetingId, revision);
                    if (event != null) {
                      byRevision.put(revision, event);
                    }
                  });
          events.byMeeting.put(meetingId, byRevision);
        });
    if (!newestOf.isEmpty()) {
      ledger
          .latestPayloads(newestOf)
          .forEach(
              (meetingId, json) -> {
                MeetingEvent event = read(json, meetingId, null);
                if (event != null) {
                  events.newest.put(meetingId, event);
                }
              });
    }
    return events;
  }

  /** The newest recorded event of one meeting; {@code null} if none is recorded. */
  MeetingEvent newest(MeetingId meetingId) {
    String json = ledger.latestPayloads(List.of(meetingId)).get(meetingId);
    return json == null ? null : jsonMapper.readValue(json, MeetingEvent.class);
  }

  private MeetingEvent read(String json, MeetingId meetingId, Long revision) {
    try {
      return jsonMapper.readValue(json, MeetingEvent.class);
    } catch (JacksonException e) {
      log.error(
          "The recorded event of meeting {} revision {} cannot be read",
          meetingId,
          revision == null ? "(newest)" : revision,
          e);
      return null;
    }
  }

  /** A batch's events. */
  static final class Events {

    private final Map<MeetingId, Map<Long, MeetingEvent>> byMeeting = new HashMap<>();
    private final Map<MeetingId, MeetingEvent> newest = new HashMap<>();

    /** The event of this revision; {@code null} if it is not recorded or cannot be read. */
    MeetingEvent at(MeetingId meetingId, long revision) {
      return byMeeting.getOrDefault(meetingId, Map.of()).get(revision);
    }

    /** The newest recorded event of the meeting; {@code null} if none is recorded or readable. */
    MeetingEvent newest(MeetingId meetingId) {
      return newest.get(meetingId);
    }
  }
}
