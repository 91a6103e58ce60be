package org.convene.notifier.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery ledger as operators read it: the {@code deliveries} endpoint and the backlog gauges.
 */
@Repository
class ReportLedger {

  private final JdbcClient jdbc;

  ReportLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The ledger as operators see it, newest change first.
   *
   * @param meetingId only this meeting's, or all if {@code null}
   * @param recipient only this recipient's (mailbox key), or all if {@code null}
   * @param status only those in this status, or all if {@code null}
   */
  List<DeliveryRecord> list(
      MeetingId meetingId, String recipient, DeliveryStatus status, int limit) {
    return jdbc.sql(
            """
            select meeting_id, revision, recipient, kind, reminder_minutes, reminder_due_at, status, attempts, last_error, event_id,
                   due_at, last_attempt_at, sent_at, superseded_by, sending_since, possible_duplicate, created_at, updated_at
            from delivery
            where (cast(:meetingId as uuid) is null or meeting_id = cast(:meetingId as uuid))
              and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
              and (cast(:status as text) is null or status = cast(:status as text))
            order by updated_at desc, meeting_id, revision desc, recipient, kind, reminder_minutes
            limit :limit
            """)
        .param("meetingId", meetingId == null ? null : meetingId.value())
        .param("recipient", recipient)
        .param("status", status == null ? null : status.name())
        .param("limit", limit)
        .query(
            (rs, row) ->
                new DeliveryRecord(
                    rs.getObject("meeting_id", UUID.class).toString(),
                    rs.getLong("revision"),
                    rs.getString("recipient"),
                    rs.getString("kind"),
                    rs.getInt("reminder_minutes") < 0 ? null : rs.getInt("reminder_minutes"),
                    instant(rs.getTimestamp("reminder_due_at")),
                    rs.getString("status"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    rs.getObject("event_id", UUID.class).toString(),
                    instant(rs.getTimestamp("due_at")),
                    instant(rs.getTimestamp("last_attempt_at")),
                    instant(rs.getTimestamp("sent_at")),
                    (Long) rs.getObject("superseded_by"),
                    instant(rs.getTimestamp("sending_since")),
                    rs.getBoolean("possible_duplicate"),
                    instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("updated_at"))))
        .list();
  }

  /** How many messages are in each status, of one meeting and recipient if given. */
  Map<String, Long> countByStatus(MeetingId meetingId, String recipient) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (DeliveryStatus status : DeliveryStatus.values()) {
      counts.put(status.name(), 0L);
    }
    jdbc.sql(
            """
            select status, count(*) as n from delivery
            where (cast(:meetingId as uuid) is null or meeting_id = cast(:meetingId as uuid))
              and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
            group by status
            """)
        .param("meetingId", meetingId == null ? null : meetingId.value())
        .param("recipient", recipient)
        .query(
            rs -> {
              counts.put(rs.getString("status"), rs.getLong("n"));
            });
    return counts;
  }

  /** How many messages may have reached their recipient twice, of one meeting and recipient. */
  long countPossibleDuplicates(MeetingId meetingId, String recipient) {
    return jdbc.sql(
            """
            select count(*) from delivery
            where possible_duplicate
              and (cast(:meetingId as uuid) is null or meeting_id = cast(:meetingId as uuid))
              and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
            """)
        .param("meetingId", meetingId == null ? null : meetingId.value())
        .param("recipient", recipient)
        .query(Long.class)
        .single();
  }

  /** How many messages are owed, and how long the oldest due one has waited, for the gauges. */
  Backlog backlog() {
    return jdbc.sql(
            """
            select count(*) as owed,
                   coalesce(extract(epoch from now() - min(due_at) filter (where due_at <= now())), 0) as oldest
            from delivery where status = 'PENDING'
            """)
        .query((rs, row) -> new Backlog(rs.getLong("owed"), rs.getDouble("oldest")))
        .single();
  }

  /**
   * @param oldestDueSeconds how long the oldest message that is due has waited beyond its due time
   */
  record Backlog(long owed, double oldestDueSeconds) {}

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
