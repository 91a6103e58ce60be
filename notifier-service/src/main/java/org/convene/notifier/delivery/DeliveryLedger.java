package org.convene.notifier.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.delivery.OwedMessages.Owed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every message the notifier owes and sent, in tables {@code delivery} (one row per
 * meeting, revision, recipient and kind), {@code delivery_recipient} (the lock per meeting and
 * recipient) and {@code meeting_event} (the events, to write any revision's message from). Times
 * are the database's, so that every instance agrees on what is due.
 */
@Repository
class DeliveryLedger {

  private static final RowMapper<LedgerRow> ROW =
      (rs, row) ->
          new LedgerRow(
              new DeliveryKey(
                  MeetingId.of(rs.getObject("meeting_id", UUID.class)),
                  rs.getLong("revision"),
                  rs.getString("recipient"),
                  DeliveryKind.valueOf(rs.getString("kind")),
                  rs.getInt("reminder_minutes")),
              DeliveryStatus.valueOf(rs.getString("status")),
              rs.getInt("attempts"),
              EventId.of(rs.getObject("event_id", UUID.class)),
              instant(rs.getTimestamp("reminder_due_at")),
              instant(rs.getTimestamp("sending_since")),
              rs.getBoolean("possible_duplicate"));

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  DeliveryLedger(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /**
   * Records the event and what it owes, each message PENDING until the quiet period is over, unless
   * this meeting's revision is recorded already (a redelivery), in which case it records nothing.
   *
   * @return whether the event was new
   */
  boolean record(MeetingEvent event, String payload, List<Owed> owed, Duration quietPeriod) {
    int inserted =
        jdbc.sql(
                """
                insert into meeting_event (meeting_id, revision, event_id, event_type, payload, occurred_at)
                values (:meetingId, :revision, :eventId, :type, cast(:payload as jsonb), :occurredAt)
                on conflict (meeting_id, revision) do nothing
                """)
            .param("meetingId", event.meetingId().value())
            .param("revision", event.revision())
            .param("eventId", event.eventId().value())
            .param("type", event.getClass().getSimpleName())
            .param("payload", payload)
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .update();
    if (inserted == 0) {
      return false;
    }
    String[] recipients = owed.stream().map(Owed::recipient).toArray(String[]::new);
    String[] kinds = owed.stream().map(o -> o.kind().name()).toArray(String[]::new);
    update(
        """
        insert into delivery (meeting_id, revision, recipient, kind, status, attempts, event_id, due_at)
        select ?, ?, o.recipient, o.kind, 'PENDING', 0, ?, now() + ? * interval '1 millisecond'
        from unnest(?, ?) as o(recipient, kind)
        on conflict (meeting_id, revision, recipient, kind, reminder_minutes) do nothing
        """,
        (con, ps) -> {
          ps.setObject(1, event.meetingId().value());
          ps.setLong(2, event.revision());
          ps.setObject(3, event.eventId().value());
          ps.setLong(4, quietPeriod.toMillis());
          ps.setArray(5, con.createArrayOf("text", recipients));
          ps.setArray(6, con.createArrayOf("text", kinds));
        });
    update(
        """
        insert into delivery_recipient (meeting_id, recipient)
        select ?, r from unnest(?) as r
        on conflict (meeting_id, recipient) do nothing
        """,
        (con, ps) -> {
          ps.setObject(1, event.meetingId().value());
          ps.setArray(2, con.createArrayOf("text", recipients));
        });
    return true;
  }

  /** The id of the event recorded for this meeting and revision, if any. */
  EventId recordedEventId(MeetingId meetingId, long revision) {
    return jdbc.sql("select event_id from meeting_event where meeting_id = :meetingId and revision = :revision")
        .param("meetingId", meetingId.value())
        .param("revision", revision)
        .query((rs, row) -> EventId.of(rs.getObject("event_id", UUID.class)))
        .optional()
        .orElse(null);
  }

  /**
   * Records one reminder to each recipient, owed now ({@code PENDING}) or {@code MISSED}, keyed by
   * the planned revision and the minutes before the start. A reminder recorded before (its trigger
   * fired again) keeps its rows as they are: a missed reminder never overwrites one owed or sent.
   *
   * @param eventId the event whose snapshot named the recipients
   * @return how many rows are new
   */
  int recordReminders(
      MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt, EventId eventId, List<String> recipients, DeliveryStatus status) {
    int inserted =
        template.update(con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  """
                  insert into delivery (meeting_id, revision, recipient, kind, reminder_minutes, reminder_due_at, status, attempts, event_id, due_at)
                  select ?, ?, r, 'REMINDER', ?, ?, ?, 0, ?, now()
                  from unnest(?) as r
                  on conflict (meeting_id, revision, recipient, kind, reminder_minutes) do nothing
                  """);
          ps.setObject(1, meetingId.value());
          ps.setLong(2, plannedRevision);
          ps.setInt(3, minutesBefore);
          ps.setTimestamp(4, Timestamp.from(dueAt));
          ps.setString(5, status.name());
          ps.setObject(6, eventId.value());
          ps.setArray(7, con.createArrayOf("text", recipients.toArray(String[]::new)));
          return ps;
        });
    update(
        """
        insert into delivery_recipient (meeting_id, recipient)
        select ?, r from unnest(?) as r
        on conflict (meeting_id, recipient) do nothing
        """,
        (con, ps) -> {
          ps.setObject(1, meetingId.value());
          ps.setArray(2, con.createArrayOf("text", recipients.toArray(String[]::new)));
        });
    return inserted;
  }

  /** The newest recorded event of each of these meetings, as its JSON; none for a meeting with none. */
  Map<MeetingId, String> latestPayloads(Collection<MeetingId> meetingIds) {
    Map<MeetingId, String> payloads = new LinkedHashMap<>();
    if (meetingIds.isEmpty()) {
      return payloads;
    }
    UUID[] ids = meetingIds.stream().map(MeetingId::value).distinct().toArray(UUID[]::new);
    template.query(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  """
                  select distinct on (meeting_id) meeting_id, payload::text as payload
                  from meeting_event
                  where meeting_id = any(?)
                  order by meeting_id, revision desc
                  """);
          ps.setArray(1, con.createArrayOf("uuid", ids));
          return ps;
        },
        rs -> {
          payloads.put(MeetingId.of(rs.getObject("meeting_id", UUID.class)), rs.getString("payload"));
        });
    return payloads;
  }

  /**
   * Locks up to {@code limit} recipients that are owed a message now, oldest first, skipping those
   * another dispatcher holds. A recipient is due when their messages' quiet periods are all over,
   * or the oldest has waited {@code maxWait} beyond its own. Must run in a transaction, which holds
   * the locks until it ends.
   */
  List<RecipientKey> claimDue(int limit, Duration maxWait) {
    return jdbc.sql(
            """
            select r.meeting_id, r.recipient
            from delivery_recipient r
            join (
                select meeting_id, recipient, min(due_at) as first_due
                from (
                    select meeting_id, recipient, due_at
                    from delivery
                    where status = 'PENDING' and due_at <= now()
                    order by due_at
                    limit :scan) due
                group by meeting_id, recipient) d
              on d.meeting_id = r.meeting_id and d.recipient = r.recipient
            where not exists (
                select 1 from delivery quiet
                where quiet.meeting_id = r.meeting_id and quiet.recipient = r.recipient
                  and quiet.status = 'PENDING' and quiet.attempts = 0 and quiet.due_at > now()
                  and d.first_due > now() - :maxWait * interval '1 millisecond')
            order by d.first_due
            limit :limit
            for update of r skip locked
            """)
        // Rows another dispatcher has locked are still PENDING to this one: look further.
        .param("scan", limit * 4)
        .param("maxWait", maxWait.toMillis())
        .param("limit", limit)
        .query((rs, row) -> new RecipientKey(MeetingId.of(rs.getObject("meeting_id", UUID.class)), rs.getString("recipient")))
        .list();
  }

  /** Every row of these recipients, whatever its status, oldest revision first. */
  List<LedgerRow> rowsOf(List<RecipientKey> recipients) {
    UUID[] meetings = recipients.stream().map(r -> r.meetingId().value()).toArray(UUID[]::new);
    String[] mailboxes = recipients.stream().map(RecipientKey::recipient).toArray(String[]::new);
    return template.query(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  """
                  select d.meeting_id, d.revision, d.recipient, d.kind, d.reminder_minutes, d.reminder_due_at, d.status, d.attempts, d.event_id,
                         d.sending_since, d.possible_duplicate
                  from delivery d
                  join unnest(?, ?) as g(meeting_id, recipient) on d.meeting_id = g.meeting_id and d.recipient = g.recipient
                  order by d.meeting_id, d.recipient, d.revision, d.kind, d.reminder_minutes
                  """);
          ps.setArray(1, con.createArrayOf("uuid", meetings));
          ps.setArray(2, con.createArrayOf("text", mailboxes));
          return ps;
        },
        ROW);
  }

  /** The recorded events of a meeting with {@code from <= revision <= to}, as their JSON, by revision. */
  Map<Long, String> payloads(MeetingId meetingId, long from, long to) {
    Map<Long, String> payloads = new LinkedHashMap<>();
    jdbc.sql(
            """
            select revision, payload::text as payload from meeting_event
            where meeting_id = :meetingId and revision between :from and :to
            order by revision
            """)
        .param("meetingId", meetingId.value())
        .param("from", from)
        .param("to", to)
        .query(rs -> {
          payloads.put(rs.getLong("revision"), rs.getString("payload"));
        });
    return payloads;
  }

  /**
   * Makes FAILED messages owed again, due now, with a fresh count of attempts: an operator's retry
   * once the cause is fixed. One that a newer message to the same recipient has overtaken since is
   * superseded rather than sent.
   *
   * @param meetingId only this meeting's, or all if {@code null}
   * @param recipient only this recipient's (mailbox key), or all if {@code null}
   * @return how many messages are owed again
   */
  int retryFailed(MeetingId meetingId, String recipient) {
    return jdbc.sql(
            """
            update delivery
            set status = 'PENDING', attempts = 0, due_at = now(), updated_at = now()
            where status = 'FAILED'
              and (cast(:meetingId as uuid) is null or meeting_id = cast(:meetingId as uuid))
              and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
            """)
        .param("meetingId", meetingId == null ? null : meetingId.value())
        .param("recipient", recipient)
        .update();
  }

  /** The ledger as operators see it, newest change first. */
  List<DeliveryRecord> list(MeetingId meetingId, DeliveryStatus status, int limit) {
    return jdbc.sql(
            """
            select meeting_id, revision, recipient, kind, reminder_minutes, reminder_due_at, status, attempts, last_error, event_id,
                   due_at, last_attempt_at, sent_at, superseded_by, sending_since, possible_duplicate, created_at, updated_at
            from delivery
            where (cast(:meetingId as uuid) is null or meeting_id = cast(:meetingId as uuid))
              and (cast(:status as text) is null or status = cast(:status as text))
            order by updated_at desc, meeting_id, revision desc, recipient, kind, reminder_minutes
            limit :limit
            """)
        .param("meetingId", meetingId == null ? null : meetingId.value())
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

  /** How many messages are in each status. */
  Map<String, Long> countByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (DeliveryStatus status : DeliveryStatus.values()) {
      counts.put(status.name(), 0L);
    }
    jdbc.sql("select status, count(*) as n from delivery group by status")
        .query(rs -> {
          counts.put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }

  /** How many messages may have reached their recipient twice. */
  long countPossibleDuplicates() {
    return jdbc.sql("select count(*) from delivery where possible_duplicate").query(Long.class).single();
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

  /** @param oldestDueSeconds how long the oldest message that is due has waited beyond its due time */
  record Backlog(long owed, double oldestDueSeconds) {}

  private void update(String sql, ArraySetter setter) {
    template.update(con -> {
      PreparedStatement ps = con.prepareStatement(sql);
      setter.set(con, ps);
      return ps;
    });
  }

  @FunctionalInterface
  private interface ArraySetter {
    void set(Connection con, PreparedStatement ps) throws SQLException;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
