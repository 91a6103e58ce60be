package org.convene.notifier.delivery;

import java.util.Optional;
import org.convene.events.EventId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every message the notifier owes and sent, in table {@code delivery}. Each
 * statement commits on its own: no transaction may span the call to the mail server.
 */
@Repository
class DeliveryLedger {

  /** Enough of an error to diagnose it without letting one stack trace bloat the table. */
  static final int MAX_ERROR_LENGTH = 2000;

  private final JdbcClient jdbc;

  DeliveryLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the delivery as PENDING unless it is recorded already, whatever its status. */
  void recordPending(DeliveryKey key, EventId eventId) {
    jdbc.sql(
            """
            insert into delivery (meeting_id, revision, recipient, kind, status, attempts, event_id)
            values (:meetingId, :revision, :recipient, :kind, 'PENDING', 0, :eventId)
            on conflict (meeting_id, revision, recipient, kind) do nothing
            """)
        .param("meetingId", key.meetingId().value())
        .param("revision", key.revision())
        .param("recipient", key.recipient())
        .param("kind", key.kind().name())
        .param("eventId", eventId.value())
        .update();
  }

  Optional<DeliveryStatus> statusOf(DeliveryKey key) {
    return jdbc.sql(
            """
            select status from delivery
            where meeting_id = :meetingId and revision = :revision and recipient = :recipient and kind = :kind
            """)
        .param("meetingId", key.meetingId().value())
        .param("revision", key.revision())
        .param("recipient", key.recipient())
        .param("kind", key.kind().name())
        .query((rs, row) -> DeliveryStatus.valueOf(rs.getString("status")))
        .optional();
  }

  void markSent(DeliveryKey key) {
    mark(key, DeliveryStatus.SENT, null);
  }

  void markFailed(DeliveryKey key, String error) {
    String text = error == null ? "unknown error" : error;
    mark(key, DeliveryStatus.FAILED, text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text);
  }

  private void mark(DeliveryKey key, DeliveryStatus status, String error) {
    int updated =
        jdbc.sql(
                """
                update delivery
                set status = :status, attempts = attempts + 1, last_error = :error, updated_at = now()
                where meeting_id = :meetingId and revision = :revision and recipient = :recipient and kind = :kind
                """)
            .param("status", status.name())
            .param("error", error)
            .param("meetingId", key.meetingId().value())
            .param("revision", key.revision())
            .param("recipient", key.recipient())
            .param("kind", key.kind().name())
            .update();
    if (updated != 1) {
      throw new IllegalStateException("No ledger row for " + key + " to mark " + status);
    }
  }
}
