package org.convene.notifier.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.convene.notifier.delivery.LedgerArrays.SqlArray;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

/**
 * Records messages' outcomes in the ledger one by one, each in its own transaction on a connection
 * of its own: not the transaction that holds the recipients' locks, whose work would be lost with
 * it. A message is marked in flight in the same statement (one round trip, one commit per message)
 * that records the outcome of the one before it.
 */
@Repository
class OutcomeLedger {

  /** Enough of an error to diagnose it without letting one stack trace bloat the table. */
  static final int MAX_ERROR_LENGTH = 2000;

  private static final String RECORD_TEMPLATE =
      """
      with recorded as (
          update delivery d
          set status = o.status,
              attempts = d.attempts + case when o.attempted then 1 else 0 end,
              last_attempt_at = case when o.attempted then now() else d.last_attempt_at end,
              last_error = case when o.status = 'SENT' then null else coalesce(o.error, d.last_error) end,
              sent_at = case when o.status = 'SENT' then now() else d.sent_at end,
              due_at = case when o.retry_in_ms is null then d.due_at else now() + o.retry_in_ms * interval '1 millisecond' end,
              superseded_by = coalesce(o.superseded_by, d.superseded_by),
              possible_duplicate = d.possible_duplicate or o.possibly_sent,
              smtp_reply = case when o.status = 'SENT' then o.smtp_reply else d.smtp_reply end,
              message_id = case when o.status = 'SENT' then o.message_id else d.message_id end,
              sending_since = null,
              updated_at = now()
          from %s
              as o(meeting_id, revision, recipient, kind, reminder_minutes, status, attempted, error, retry_in_ms, superseded_by, possibly_sent,
                   smtp_reply, message_id, notice_id)
          where d.meeting_id = o.meeting_id and d.revision = o.revision and d.recipient = o.recipient and d.kind = o.kind
            and d.reminder_minutes = o.reminder_minutes and d.notice_id = o.notice_id
          returning 1),
      sending as (
          update delivery d
          set sending_since = now(), updated_at = now()
          where d.meeting_id = cast(? as uuid) and d.revision = cast(? as bigint) and d.recipient = cast(? as text)
            and d.kind = cast(? as text) and d.reminder_minutes = cast(? as integer)
            and d.notice_id = cast(? as uuid)
            and d.status = 'PENDING' and d.sending_since is not distinct from cast(? as timestamptz)
          returning 1)
      select (select count(*) from sending) as sending, (select count(*) from recorded) as recorded
      """;

  /**
   * Several outcomes come as arrays, one row each. A single one, the usual case (the message before
   * the one about to be sent), comes as plain parameters: making fourteen SQL arrays for one row
   * took half of the dispatcher's JDBC time.
   */
  private static final String RECORD_SEVERAL =
      RECORD_TEMPLATE.formatted("unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  private static final String RECORD_ONE =
      RECORD_TEMPLATE.formatted(
          """
          (select cast(? as uuid), cast(? as bigint), cast(? as text), cast(? as text), cast(? as integer),
                  cast(? as text), cast(? as boolean), cast(? as text), cast(? as bigint), cast(? as bigint),
                  cast(? as boolean), cast(? as text), cast(? as text), cast(? as uuid))""");

  private final DataSource dataSource;

  OutcomeLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A connection for one batch's outcomes, in auto-commit: every statement is its own transaction,
   * whatever transaction the calling thread is in.
   */
  Session open() {
    try {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      return new Session(connection);
    } catch (SQLException e) {
      throw new CannotGetJdbcConnectionException(
          "Cannot open a connection to record outcomes on", e);
    }
  }

  /**
   * A message about to be sent: {@code seenSendingSince} is its row's in-flight mark when it was
   * read, if any.
   */
  record Sending(DeliveryKey key, Instant seenSendingSince) {}

  /** One batch's connection for its outcomes; not thread-safe. */
  static final class Session implements AutoCloseable {

    private final Connection connection;
    private final LedgerArrays statements;

    private Session(Connection connection) {
      this.connection = connection;
      this.statements = LedgerArrays.on(connection);
    }

    /**
     * Records these outcomes and marks {@code next} in flight, in one transaction. {@code next} is
     * marked only if its row is still owed and as it was read (nobody else sent it or marked it in
     * flight since); if not, it must not be sent.
     *
     * @param next the message about to be sent, or {@code null}
     * @return whether {@code next} may be sent ({@code false} if it is {@code null})
     * @throws org.springframework.dao.DataAccessException if nothing could be recorded: no more may
     *     be sent
     */
    boolean record(List<DeliveryOutcome> outcomes, Sending next) {
      if (outcomes.isEmpty() && next == null) {
        return false;
      }
      List<Long> sending =
          statements.query(
              outcomes.size() == 1 ? RECORD_ONE : RECORD_SEVERAL,
              (rs, row) -> rs.getLong("sending"),
              parameters(outcomes, next));
      return next != null && sending.equals(List.of(1L));
    }

    /** Other statements on this connection, each its own transaction. */
    LedgerArrays statements() {
      return statements;
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        // Returned to the pool or dropped by it: nothing is left to record on it.
      }
    }
  }

  private static Object[] parameters(List<DeliveryOutcome> outcomes, Sending next) {
    int size = outcomes.size();
    UUID[] meetings = new UUID[size];
    Long[] revisions = new Long[size];
    String[] recipients = new String[size];
    String[] kinds = new String[size];
    Integer[] minutes = new Integer[size];
    String[] statuses = new String[size];
    Boolean[] attempted = new Boolean[size];
    String[] errors = new String[size];
    Long[] retryInMillis = new Long[size];
    Long[] supersededBy = new Long[size];
    Boolean[] possiblySent = new Boolean[size];
    String[] smtpReplies = new String[size];
    String[] messageIds = new String[size];
    UUID[] notices = new UUID[size];
    for (int i = 0; i < size; i++) {
      DeliveryOutcome outcome = outcomes.get(i);
      DeliveryKey key = outcome.key();
      meetings[i] = key.meetingId().value();
      revisions[i] = key.revision();
      recipients[i] = key.recipient();
      kinds[i] = key.kind().name();
      minutes[i] = key.reminderMinutes();
      notices[i] = key.noticeColumn();
      switch (outcome) {
        case DeliveryOutcome.Sent sent -> {
          statuses[i] = DeliveryStatus.SENT.name();
          attempted[i] = true;
          possiblySent[i] = sent.possiblySent();
          smtpReplies[i] = truncated(sent.smtpReply(), MAX_ERROR_LENGTH);
          messageIds[i] = sent.messageId();
        }
        case DeliveryOutcome.Retry retry -> {
          statuses[i] = DeliveryStatus.PENDING.name();
          attempted[i] = true;
          errors[i] = truncated(retry.error());
          retryInMillis[i] = retry.delay().toMillis();
          possiblySent[i] = retry.possiblySent();
        }
        case DeliveryOutcome.AwaitingRelay awaiting -> {
          statuses[i] = DeliveryStatus.PENDING.name();
          attempted[i] = false;
          errors[i] = truncated(awaiting.error());
          retryInMillis[i] = awaiting.delay().toMillis();
          possiblySent[i] = awaiting.possiblySent();
        }
        case DeliveryOutcome.Failed failed -> {
          statuses[i] = DeliveryStatus.FAILED.name();
          attempted[i] = true;
          errors[i] = truncated(failed.error());
          possiblySent[i] = failed.possiblySent();
        }
        case DeliveryOutcome.Superseded superseded -> {
          statuses[i] = DeliveryStatus.SUPERSEDED.name();
          attempted[i] = false;
          supersededBy[i] = superseded.by();
          possiblySent[i] = false;
        }
      }
    }
    DeliveryKey key = next == null ? null : next.key();
    boolean one = size == 1;
    return new Object[] {
      column(one, "uuid", Types.OTHER, meetings),
      column(one, "int8", Types.BIGINT, revisions),
      column(one, "text", Types.VARCHAR, recipients),
      column(one, "text", Types.VARCHAR, kinds),
      column(one, "int4", Types.INTEGER, minutes),
      column(one, "text", Types.VARCHAR, statuses),
      column(one, "bool", Types.BOOLEAN, attempted),
      column(one, "text", Types.VARCHAR, errors),
      column(one, "int8", Types.BIGINT, retryInMillis),
      column(one, "int8", Types.BIGINT, supersededBy),
      column(one, "bool", Types.BOOLEAN, possiblySent),
      column(one, "text", Types.VARCHAR, smtpReplies),
      column(one, "text", Types.VARCHAR, messageIds),
      column(one, "uuid", Types.OTHER, notices),
      new SqlParameterValue(Types.OTHER, key == null ? null : key.meetingId().value()),
      new SqlParameterValue(Types.BIGINT, key == null ? null : key.revision()),
      new SqlParameterValue(Types.VARCHAR, key == null ? null : key.recipient()),
      new SqlParameterValue(Types.VARCHAR, key == null ? null : key.kind().name()),
      new SqlParameterValue(Types.INTEGER, key == null ? null : key.reminderMinutes()),
      new SqlParameterValue(Types.OTHER, key == null ? null : key.noticeColumn()),
      new SqlParameterValue(
          Types.TIMESTAMP,
          next == null || next.seenSendingSince() == null
              ? null
              : Timestamp.from(next.seenSendingSince()))
    };
  }

  /** A column of the outcomes: its one value as a plain parameter, or all of them as an array. */
  private static Object column(boolean one, String arrayType, int sqlType, Object[] values) {
    return one ? new SqlParameterValue(sqlType, values[0]) : new SqlArray(arrayType, values);
  }

  private static String truncated(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  static String truncated(String error) {
    String text = error == null ? "unknown error" : error;
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }
}
