package org.convene.notifier.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.delivery.LedgerArrays.SqlArray;
import org.convene.notifier.delivery.OwedMessages.Owed;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The messages owed, in tables {@code delivery} (one row per meeting, revision, recipient and kind)
 * and {@code delivery_recipient} (the lock per meeting and recipient), and the claiming of the
 * recipients that are due. Times are the database's, so that every instance agrees on what is due.
 */
@Repository
class OwedLedger {

  private static final RowMapper<LedgerRow> ROW =
      (rs, row) ->
          new LedgerRow(
              new DeliveryKey(
                  MeetingId.of(rs.getObject("meeting_id", UUID.class)),
                  rs.getLong("revision"),
                  rs.getString("recipient"),
                  DeliveryKind.valueOf(rs.getString("kind")),
                  rs.getInt("reminder_minutes"),
                  DeliveryKey.noticeOf(rs.getObject("notice_id", UUID.class))),
              DeliveryStatus.valueOf(rs.getString("status")),
              rs.getInt("attempts"),
              EventId.of(rs.getObject("event_id", UUID.class)),
              instant(rs.getTimestamp("reminder_due_at")),
              instant(rs.getTimestamp("sending_since")),
              rs.getBoolean("possible_duplicate"));

  private final JdbcClient jdbc;
  private final LedgerArrays arrays;
  private final int turnSize;

  OwedLedger(JdbcClient jdbc, LedgerArrays arrays, DeliveryProperties properties) {
    this.jdbc = jdbc;
    this.arrays = arrays;
    // A turn is as many of a meeting's recipients as one batch takes: a batch then serves one
    // meeting and renders its texts once, and meetings still take turns batch by batch. A turn of
    // one recipient made every batch of a burst of many meetings one recipient of each, rendered
    // one by one (about 60 instead of 1,500 e-mails/s).
    this.turnSize = properties.batchSize();
  }

  /**
   * Records what the event owes, each message PENDING until the quiet period is over, as urgent as
   * the meeting's start (or, when the start moves, the earlier of the old and the new one: those
   * invited must hear of it before the old time), with turns after those of the messages already
   * due at that urgency ({@link #claimDue}).
   */
  void owe(MeetingEvent event, List<Owed> owed, Duration quietPeriod) {
    List<String> recipients = owed.stream().map(Owed::recipient).toList();
    MeetingSnapshot meeting = event.meeting();
    Instant start = meeting.start().atZone(ZoneId.of(meeting.timeZone())).toInstant();
    arrays.update(
        """
        insert into delivery (meeting_id, revision, recipient, kind, status, attempts, event_id, due_at,
                              meeting_start, urgency, turn)
        select ?, ?, o.recipient, o.kind, 'PENDING', 0, ?, now() + ? * interval '1 millisecond',
               m.start, m.urgency, coalesce(t.first_turn, 0) + (o.n - 1) / ?
        from unnest(?, ?) with ordinality as o(recipient, kind, n)
        cross join (
            select s.start, to_timestamp(floor(extract(epoch from least(s.start, s.before)) / 3600) * 3600) as urgency
            from (select cast(? as timestamptz) as start,
                         (select before.meeting_start from delivery before
                          where before.meeting_id = ? and before.kind <> 'REMINDER'
                          order by before.revision desc limit 1) as before) s) m
        left join lateral (
            select min(due.turn) as first_turn from delivery due
            where due.status = 'PENDING' and due.urgency = m.urgency and due.due_at <= now()) t on true
        on conflict on constraint delivery_pk do nothing
        """,
        event.meetingId().value(),
        event.revision(),
        event.eventId().value(),
        quietPeriod.toMillis(),
        turnSize,
        SqlArray.of("text", recipients),
        SqlArray.of("text", owed.stream().map(o -> o.kind().name()).toList()),
        Timestamp.from(start),
        event.meetingId().value());
    lockable(event.meetingId(), recipients);
  }

  /**
   * Records one reminder to each recipient, owed now ({@code PENDING}) or {@code MISSED}, keyed by
   * the planned revision and the minutes before the start, as urgent as its due time: before the
   * messages about meetings that start later. A reminder recorded before (its trigger fired again)
   * keeps its rows as they are: a missed reminder never overwrites one owed or sent.
   *
   * @param eventId the event whose snapshot named the recipients
   * @return how many rows are new
   */
  int oweReminders(
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      EventId eventId,
      List<String> recipients,
      DeliveryStatus status) {
    return oweTimed(
        DeliveryKind.REMINDER,
        meetingId,
        plannedRevision,
        minutesBefore,
        dueAt,
        eventId,
        recipients,
        status);
  }

  /**
   * Records one message of a kind that goes out at a time before the start (a reminder, a nudge, a
   * quorum alert at a lead time) to each recipient, as {@link #oweReminders} does.
   */
  int oweTimed(
      DeliveryKind kind,
      MeetingId meetingId,
      long plannedRevision,
      int minutesBefore,
      Instant dueAt,
      EventId eventId,
      List<String> recipients,
      DeliveryStatus status) {
    int inserted =
        arrays.update(
            """
            insert into delivery (meeting_id, revision, recipient, kind, reminder_minutes, reminder_due_at, status, attempts, event_id, due_at,
                                  urgency, turn)
            select ?, ?, r.recipient, ?, ?, ?, ?, 0, ?, now(), u.urgency, coalesce(t.first_turn, 0) + (r.n - 1) / ?
            from unnest(?) with ordinality as r(recipient, n)
            cross join (select to_timestamp(floor(extract(epoch from cast(? as timestamptz)) / 3600) * 3600) as urgency) u
            left join lateral (
                select min(due.turn) as first_turn from delivery due
                where due.status = 'PENDING' and due.urgency = u.urgency and due.due_at <= now()) t on true
            on conflict on constraint delivery_pk do nothing
            """,
            meetingId.value(),
            plannedRevision,
            kind.name(),
            minutesBefore,
            Timestamp.from(dueAt),
            status.name(),
            eventId.value(),
            turnSize,
            SqlArray.of("text", recipients),
            Timestamp.from(dueAt));
    lockable(meetingId, recipients);
    return inserted;
  }

  /**
   * Records one message named by the answer event that owes it (a confirmation, a quorum alert on
   * becoming unreachable) to each recipient, due now and as urgent as now: people expect word of
   * their answer within moments. An event delivered again finds its rows and records nothing.
   *
   * @return how many rows are new
   */
  int oweNotices(
      DeliveryKind kind,
      MeetingId meetingId,
      long revision,
      EventId notice,
      List<String> recipients) {
    int inserted =
        arrays.update(
            """
            insert into delivery (meeting_id, revision, recipient, kind, notice_id, status, attempts, event_id, due_at,
                                  urgency, turn)
            select ?, ?, r.recipient, ?, ?, 'PENDING', 0, ?, now(), u.urgency, coalesce(t.first_turn, 0) + (r.n - 1) / ?
            from unnest(?) with ordinality as r(recipient, n)
            cross join (select to_timestamp(floor(extract(epoch from now()) / 3600) * 3600) as urgency) u
            left join lateral (
                select min(due.turn) as first_turn from delivery due
                where due.status = 'PENDING' and due.urgency = u.urgency and due.due_at <= now()) t on true
            on conflict on constraint delivery_pk do nothing
            """,
            meetingId.value(),
            revision,
            kind.name(),
            notice.value(),
            notice.value(),
            turnSize,
            SqlArray.of("text", recipients));
    lockable(meetingId, recipients);
    return inserted;
  }

  /** The lock rows of these recipients; inserting never waits for a dispatcher that holds one. */
  private void lockable(MeetingId meetingId, List<String> recipients) {
    arrays.update(
        """
        insert into delivery_recipient (meeting_id, recipient)
        select ?, r from unnest(?) as r
        on conflict (meeting_id, recipient) do nothing
        """,
        meetingId.value(),
        SqlArray.of("text", recipients));
  }

  /**
   * Locks up to {@code limit} recipients that are owed a message now, most urgent first, skipping
   * those another dispatcher holds. A recipient is due when their messages' quiet periods are all
   * over, or the oldest has waited {@code maxWait} beyond its own. Must run in a transaction, which
   * holds the locks until it ends.
   *
   * <p>Urgency is the hour of the start of the meeting a message is about, earliest first, so that
   * a cancellation or time change of a meeting that starts soon goes before the invitations to one
   * next month, and a reminder (urgent from its due time) as soon as it is due. Within one hour the
   * messages take turns in the order their turn numbers give: each meeting's recorded messages are
   * numbered on, a batch's worth to a turn, from the lowest turn still due, so that a meeting
   * recorded during another's long burst is interleaved with it instead of waiting for its end.
   * Within a turn a meeting's recipients come together, so that a batch holds few meetings.
   */
  List<RecipientKey> claimDue(int limit, Duration maxWait) {
    return jdbc.sql(
            """
            select r.meeting_id, r.recipient
            from delivery_recipient r
            join (
                select meeting_id, recipient, min(due_at) as first_due, min(urgency) as urgency, min(turn) as turn
                from (
                    select meeting_id, recipient, due_at, urgency, turn
                    from delivery
                    where status = 'PENDING' and due_at <= now()
                    order by urgency, turn
                    limit :scan) due
                group by meeting_id, recipient) d
              on d.meeting_id = r.meeting_id and d.recipient = r.recipient
            where not exists (
                select 1 from delivery quiet
                where quiet.meeting_id = r.meeting_id and quiet.recipient = r.recipient
                  and quiet.status = 'PENDING' and quiet.attempts = 0 and quiet.due_at > now()
                  and d.first_due > now() - :maxWait * interval '1 millisecond')
            order by d.urgency, d.turn, d.first_due, r.meeting_id
            limit :limit
            for update of r skip locked
            """)
        // Rows another dispatcher has locked are still PENDING to this one: look further.
        .param("scan", limit * 4)
        .param("maxWait", maxWait.toMillis())
        .param("limit", limit)
        .query(
            (rs, row) ->
                new RecipientKey(
                    MeetingId.of(rs.getObject("meeting_id", UUID.class)),
                    rs.getString("recipient")))
        .list();
  }

  /** Every row of these recipients, whatever its status, oldest revision first. */
  List<LedgerRow> rowsOf(List<RecipientKey> recipients) {
    return arrays.query(
        """
        select d.meeting_id, d.revision, d.recipient, d.kind, d.reminder_minutes, d.reminder_due_at, d.status, d.attempts, d.event_id,
               d.sending_since, d.possible_duplicate, d.notice_id
        from delivery d
        join unnest(?, ?) as g(meeting_id, recipient) on d.meeting_id = g.meeting_id and d.recipient = g.recipient
        order by d.meeting_id, d.recipient, d.revision, d.kind, d.reminder_minutes, d.notice_id
        """,
        ROW,
        SqlArray.of("uuid", recipients.stream().map(r -> r.meetingId().value()).toList()),
        SqlArray.of("text", recipients.stream().map(RecipientKey::recipient).toList()));
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

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
