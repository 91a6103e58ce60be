package org.convene.notifier.delivery;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.events.AnswerEvent;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.notifier.delivery.LedgerArrays.SqlArray;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answer events as received, in table {@code answer_event}, by event id: the confirmations and
 * quorum alerts they owe are written from them, a redelivered one is recognised by its id, and the
 * newest of a meeting carries its quorum as it stands.
 */
@Repository
class AnswerEventLedger {

  private final JdbcClient jdbc;
  private final LedgerArrays arrays;

  AnswerEventLedger(JdbcClient jdbc, LedgerArrays arrays) {
    this.jdbc = jdbc;
    this.arrays = arrays;
  }

  /**
   * Records the event with its JSON as received, unless it is recorded already.
   *
   * @return whether the event was new
   */
  boolean record(AnswerEvent event, String json) {
    return jdbc.sql(
                """
                insert into answer_event (event_id, meeting_id, event_type, payload, occurred_at)
                values (:eventId, :meetingId, :type, :payload, :occurredAt)
                on conflict (event_id) do nothing
                """)
            .param("eventId", event.eventId().value())
            .param("meetingId", event.meetingId().value())
            .param("type", event.getClass().getSimpleName())
            .param("payload", json)
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .update()
        > 0;
  }

  /** The recorded events with these ids, as their JSON; none for an id not recorded. */
  Map<EventId, String> payloads(Collection<EventId> eventIds) {
    Map<EventId, String> payloads = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return payloads;
    }
    List<UUID> ids = eventIds.stream().map(EventId::value).distinct().toList();
    arrays.query(
        "select event_id, payload from answer_event where event_id = any(?)",
        (rs, row) ->
            payloads.put(EventId.of(rs.getObject("event_id", UUID.class)), rs.getString("payload")),
        SqlArray.of("uuid", ids));
    return payloads;
  }

  /**
   * The newest answer event of each of these meetings, as its JSON; none for a meeting with none.
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
        from answer_event
        where meeting_id = any(?)
        order by meeting_id, occurred_at desc, received_at desc
        """,
        (rs, row) ->
            payloads.put(
                MeetingId.of(rs.getObject("meeting_id", UUID.class)), rs.getString("payload")),
        SqlArray.of("uuid", ids));
    return payloads;
  }
}
