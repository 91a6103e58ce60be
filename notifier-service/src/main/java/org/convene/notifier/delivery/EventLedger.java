package org.convene.notifier.delivery;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.notifier.delivery.LedgerArrays.SqlArray;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The meeting events as received, in table {@code meeting_event}, one per meeting and revision: any
 * revision's message can be written from them, and a redelivered event is recognised by its key.
 * The first copy of a (meeting, revision) wins.
 */
@Repository
class EventLedger {

  private final JdbcClient jdbc;
  private final LedgerArrays arrays;

  EventLedger(JdbcClient jdbc, LedgerArrays arrays) {
    this.jdbc = jdbc;
    this.arrays = arrays;
  }

  /**
   * Records the event with its JSON as received, unless this meeting's revision is recorded already
   * (a redelivery).
   *
   * @return whether the event was new
   */
  boolean record(MeetingEvent event, String json) {
    return record(event, json, EventSource.UNKNOWN);
  }

  /** Records the event as {@link #record(MeetingEvent, String)} does, with where it came from. */
  boolean record(MeetingEvent event, String json, EventSource source) {
    return jdbc.sql(
                """
                insert into meeting_event (meeting_id, revision, event_id, event_type, payload, occurred_at,
                                           source_partition, source_offset, trace_parent)
                values (:meetingId, :revision, :eventId, :type, :payload, :occurredAt,
                        :partition, :offset, :traceParent)
                on conflict (meeting_id, revision) do nothing
                """)
            .param("meetingId", event.meetingId().value())
            .param("revision", event.revision())
            .param("eventId", event.eventId().value())
            .param("type", event.getClass().getSimpleName())
            .param("payload", json)
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("partition", source.partition(), java.sql.Types.INTEGER)
            .param("offset", source.offset(), java.sql.Types.BIGINT)
            .param("traceParent", source.traceParent(), java.sql.Types.VARCHAR)
            .update()
        > 0;
  }

  /** The id of the event recorded for this meeting and revision, if any. */
  EventId recordedEventId(MeetingId meetingId, long revision) {
    return jdbc.sql(
            "select event_id from meeting_event where meeting_id = :meetingId and revision = :revision")
        .param("meetingId", meetingId.value())
        .param("revision", revision)
        .query((rs, row) -> EventId.of(rs.getObject("event_id", UUID.class)))
        .optional()
        .orElse(null);
  }

  /**
   * The newest recorded event of each of these meetings, as its JSON; none for a meeting with none.
   */
  Map<MeetingId, String> latestPayloads(Collection<MeetingId> meetingIds) {
    Map<MeetingId, String> payloads = new LinkedHashMap<>();
    if (meetingIds.isEmpty()) {
      return payloads;
    }
    List<UUID> ids = meetingIds.stream().map(MeetingId::value).distinct().toList();
    arrays.query(
        """
        select distinct on (meeting_id) meeting_id, payload
        from meeting_event
        where meeting_id = any(?)
        order by meeting_id, revision desc
        """,
        (rs, row) ->
            payloads.put(
                MeetingId.of(rs.getObject("meeting_id", UUID.class)), rs.getString("payload")),
        SqlArray.of("uuid", ids));
    return payloads;
  }

  /**
   * The traceparent each of these events arrived with, by event id; events without one are left
   * out.
   */
  Map<EventId, String> traceParents(Collection<EventId> eventIds) {
    Map<EventId, String> traces = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return traces;
    }
    List<UUID> ids = eventIds.stream().map(EventId::value).distinct().toList();
    arrays.query(
        """
        select event_id, trace_parent from meeting_event
        where event_id = any(?) and trace_parent is not null
        """,
        (rs, row) ->
            traces.put(
                EventId.of(rs.getObject("event_id", UUID.class)), rs.getString("trace_parent")),
        SqlArray.of("uuid", ids));
    return traces;
  }

  /** The recorded events with these ids, as their JSON; none for an id not recorded. */
  Map<EventId, String> payloadsById(Collection<EventId> eventIds) {
    Map<EventId, String> payloads = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return payloads;
    }
    List<UUID> ids = eventIds.stream().map(EventId::value).distinct().toList();
    arrays.query(
        "select event_id, payload from meeting_event where event_id = any(?)",
        (rs, row) ->
            payloads.put(EventId.of(rs.getObject("event_id", UUID.class)), rs.getString("payload")),
        SqlArray.of("uuid", ids));
    return payloads;
  }

  /** The recorded events of a meeting at these revisions, as their JSON, by revision. */
  Map<Long, String> payloads(MeetingId meetingId, Collection<Long> revisions) {
    Map<Long, String> payloads = new LinkedHashMap<>();
    jdbc.sql(
            """
            select revision, payload from meeting_event
            where meeting_id = :meetingId and revision in (:revisions)
            order by revision
            """)
        .param("meetingId", meetingId.value())
        .param("revisions", revisions)
        .query(
            rs -> {
              payloads.put(rs.getLong("revision"), rs.getString("payload"));
            });
    return payloads;
  }
}
