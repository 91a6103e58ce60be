package org.convene.scheduler.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every reply message handed over, once, with what became of it: the row is the proof that a
 * message was processed, so a redelivery (after a crash or a rebalance) changes nothing.
 */
@Repository
class ReceivedReplies {

  enum Outcome { RECORDED, SUPERSEDED, UNINVITED, REFUSED }

  private final JdbcClient jdbc;

  ReceivedReplies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the message for processing; false when it was processed before. */
  boolean claim(String messageId, String uid, String attendee, String payload) {
    return jdbc.sql(
            """
            insert into received_reply (message_id, meeting_uid, attendee, outcome, payload)
            values (:messageId, :uid, :attendee, 'PROCESSING', cast(:payload as jsonb))
            on conflict (message_id) do nothing
            """)
        .param("messageId", messageId)
        .param("uid", uid)
        .param("attendee", attendee)
        .param("payload", payload)
        .update() == 1;
  }

  void finish(String messageId, Outcome outcome, String reason) {
    jdbc.sql("update received_reply set outcome = :outcome, reason = :reason where message_id = :messageId")
        .param("messageId", messageId)
        .param("outcome", outcome.name())
        .param("reason", reason, java.sql.Types.VARCHAR)
        .update();
  }
}
