package org.convene.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger as the ops console's flow page reads it: a meeting's events and messages. */
@Repository
class FlowLedger {

  private final JdbcClient jdbc;

  FlowLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<MeetingFlow.Event> events(MeetingId meetingId) {
    return jdbc.sql(
            """
            select revision, event_type, event_id, source_partition, source_offset, occurred_at, received_at
            from meeting_event where meeting_id = :meetingId order by revision
            """)
        .param("meetingId", meetingId.value())
        .query(
            (rs, row) ->
                new MeetingFlow.Event(
                    rs.getLong("revision"),
                    rs.getString("event_type"),
                    rs.getObject("event_id", UUID.class).toString(),
                    (Integer) rs.getObject("source_partition"),
                    (Long) rs.getObject("source_offset"),
                    instant(rs.getTimestamp("occurred_at")),
                    instant(rs.getTimestamp("received_at"))))
        .list();
  }

  /** The meeting's messages, of one recipient if given, by recipient and revision. */
  List<Addressed> messages(MeetingId meetingId, String recipient) {
    return jdbc.sql(
            """
            select recipient, revision, kind, reminder_minutes, status, attempts, last_error, due_at, last_attempt_at,
                   sent_at, superseded_by, message_id, smtp_reply, possible_duplicate, event_id
            from delivery
            where meeting_id = :meetingId
              and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
            order by recipient, revision, kind, reminder_minutes
            """)
        .param("meetingId", meetingId.value())
        .param("recipient", recipient)
        .query((rs, row) -> new Addressed(rs.getString("recipient"), message(rs)))
        .list();
  }

  /** The meeting an event belongs to, if the notifier recorded it or a message of it. */
  Optional<MeetingId> meetingOfEvent(UUID eventId) {
    return jdbc.sql(
            """
            select meeting_id from meeting_event where event_id = :eventId
            union all
            select meeting_id from delivery where event_id = :eventId
            limit 1
            """)
        .param("eventId", eventId)
        .query((rs, row) -> MeetingId.of(rs.getObject("meeting_id", UUID.class)))
        .optional();
  }

  /** Whether the notifier recorded any event of the meeting. */
  boolean known(MeetingId meetingId) {
    return jdbc.sql("select exists (select 1 from meeting_event where meeting_id = :meetingId)")
        .param("meetingId", meetingId.value())
        .query(Boolean.class)
        .single();
  }

  /** The meetings a recipient had messages of, the latest change first, with their last message. */
  List<MeetingFlow.RecipientMeeting> meetingsOf(String recipient, int limit) {
    return jdbc.sql(
            """
            select meeting_id, recipient, revision, status, updated_at from (
                select distinct on (meeting_id) meeting_id, recipient, revision, status, updated_at
                from delivery where recipient = :recipient and kind <> 'REMINDER'
                order by meeting_id, revision desc) last
            order by updated_at desc
            limit :limit
            """)
        .param("recipient", recipient)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new MeetingFlow.RecipientMeeting(
                    rs.getObject("meeting_id", UUID.class).toString(),
                    rs.getString("recipient"),
                    rs.getLong("revision"),
                    rs.getString("status"),
                    instant(rs.getTimestamp("updated_at"))))
        .list();
  }

  /** A message and its recipient. */
  record Addressed(String recipient, MeetingFlow.Message message) {}

  private static MeetingFlow.Message message(ResultSet rs) throws SQLException {
    int minutes = rs.getInt("reminder_minutes");
    return new MeetingFlow.Message(
        rs.getLong("revision"),
        rs.getString("kind"),
        minutes < 0 ? null : minutes,
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        instant(rs.getTimestamp("due_at")),
        instant(rs.getTimestamp("last_attempt_at")),
        instant(rs.getTimestamp("sent_at")),
        (Long) rs.getObject("superseded_by"),
        rs.getString("message_id"),
        rs.getString("smtp_reply"),
        rs.getBoolean("possible_duplicate"),
        rs.getObject("event_id", UUID.class).toString());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
