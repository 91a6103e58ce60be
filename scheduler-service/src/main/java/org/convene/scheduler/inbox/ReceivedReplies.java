package org.convene.scheduler.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convene.events.ReplyReceived;
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

  /**
   * Claims the messages for processing, in one statement; the ids of those not processed before (a
   * message twice among them is claimed once). The claim waits for another transaction that claimed
   * the same message until it ends, so two consumers never both process it.
   */
  Set<String> claim(List<ReplyReceived> replies, List<String> payloads) {
    if (replies.isEmpty()) {
      return Set.of();
    }
    List<Object[]> rows = new ArrayList<>(replies.size());
    for (int i = 0; i < replies.size(); i++) {
      ReplyReceived reply = replies.get(i);
      rows.add(
          new Object[] {
            reply.messageId(), reply.uid(), reply.attendee(), "PROCESSING", payloads.get(i)
          });
    }
    return new HashSet<>(
        jdbc.sql(
                """
                insert into received_reply (message_id, meeting_uid, attendee, outcome, payload)
                values :rows
                on conflict (message_id) do nothing
                returning message_id
                """)
            .param("rows", rows)
            .query(String.class)
            .list());
  }

  /** What became of a claimed message, and why when it was refused. */
  record Finished(String messageId, Outcome outcome, String reason) {}

  /** Records what became of claimed messages, in one statement. */
  void finish(List<Finished> finished) {
    if (finished.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        finished.stream()
            .map(f -> new Object[] {f.messageId(), f.outcome().name(), f.reason()})
            .toList();
    jdbc.sql(
            """
            update received_reply r set outcome = f.outcome, reason = f.reason
            from (values :rows) as f(message_id, outcome, reason)
            where r.message_id = f.message_id
            """)
        .param("rows", rows)
        .update();
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
  List<Received> latest(Outcome outcome, int limit) {
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
}
