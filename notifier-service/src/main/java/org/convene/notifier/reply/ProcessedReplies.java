package org.convene.notifier.reply;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The replies already handled, by Message-ID, and the quarantine of what could not be. */
@Repository
class ProcessedReplies {

  /** The longest part of a quarantined message kept for diagnosis. */
  static final int MAX_RAW_BYTES = 256 * 1024;

  private final JdbcClient jdbc;

  ProcessedReplies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean seen(String messageId) {
    return jdbc.sql("select count(*) from processed_reply where message_id = :id")
            .param("id", messageId)
            .query(Long.class)
            .single()
        > 0;
  }

  void published(String messageId, Instant at) {
    record(messageId, "PUBLISHED", at);
  }

  /** Keeps the message aside with its reason; false if it was handled before. */
  boolean quarantine(
      String messageId, String sender, String subject, String reason, Instant at, byte[] raw) {
    if (!record(messageId, "QUARANTINED", at)) {
      return false;
    }
    byte[] kept =
        raw == null || raw.length <= MAX_RAW_BYTES
            ? raw
            : java.util.Arrays.copyOf(raw, MAX_RAW_BYTES);
    jdbc.sql(
            """
            insert into quarantined_reply (message_id, sender, subject, reason, received_at, raw)
            values (:id, :sender, :subject, :reason, :at, :raw)
            """)
        .param("id", messageId)
        .param("sender", cap(sender))
        .param("subject", cap(subject))
        .param("reason", cap(reason))
        .param("at", Timestamp.from(at))
        .param("raw", kept)
        .update();
    return true;
  }

  private boolean record(String messageId, String outcome, Instant at) {
    return jdbc.sql(
                """
            insert into processed_reply (message_id, outcome, processed_at) values (:id, :outcome, :at)
            on conflict (message_id) do nothing
            """)
            .param("id", messageId)
            .param("outcome", outcome)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  private static String cap(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
