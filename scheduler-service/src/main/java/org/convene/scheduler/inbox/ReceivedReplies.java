package org.convene.scheduler.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every reply message handed over, once, with what became of it: the row is the proof that a
 * message was processed, so a redelivery (after a crash or a rebalance) changes nothing.
 */
@Repository
class ReceivedReplies {

  enum Outcome {
    RECORDED,
    SUPERSEDED,
    UNINVITED,
    /** A proposal of another time (COUNTER), kept for the organiser. */
    PROPOSED,
    REFUSED
  }

  private final JdbcClient jdbc;

  ReceivedReplies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the message for processing; false when it was processed before. */
  boolean claim(String messageId, String uid, String attendee, String payload) {
    return jdbc.sql(
                """
            insert into received_reply (message_id, meeting_uid, attendee, outcome, payload)
            values (:messageId, :uid, :attendee, 'PROCESSING', :payload)
            on conflict (message_id) do nothing
            """)
            .param("messageId", messageId)
            .param("uid", uid)
            .param("attendee", attendee)
            .param("payload", payload)
            .update()
        == 1;
  }

  /** One processed message, as ops see it. */
  record Received(
      String messageId,
      String meetingUid,
      String attendee,
      String outcome,
      String reason,
      java.time.Instant processedAt) {}

  /** The latest processed messages, newest first; only those with {@code outcome} when given. */
  java.util.List<Received> latest(Outcome outcome, int limit) {
    String where = outcome == null ? "" : " where outcome = :outcome";
    var statement =
        jdbc.sql(
                "select message_id, meeting_uid, attendee, outcome, reason, processed_at from received_reply"
                    + where
                    + " order by processed_at desc, message_id limit :limit")
            .param("limit", limit);
    if (outcome != null) {
      statement = statement.param("outcome", outcome.name());
    }
    return statement
        .query(
            (rs, n) ->
                new Received(
                    rs.getString("message_id"),
                    rs.getString("meeting_uid"),
                    rs.getString("attendee"),
                    rs.getString("outcome"),
                    rs.getString("reason"),
                    rs.getTimestamp("processed_at").toInstant()))
        .list();
  }

  void finish(String messageId, Outcome outcome, String reason) {
    jdbc.sql(
            "update received_reply set outcome = :outcome, reason = :reason where message_id = :messageId")
        .param("messageId", messageId)
        .param("outcome", outcome.name())
        .param("reason", reason, java.sql.Types.VARCHAR)
        .update();
  }
}
