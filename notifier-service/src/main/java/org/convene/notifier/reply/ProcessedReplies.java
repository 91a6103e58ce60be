package org.convene.notifier.reply;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** Those of the Message-IDs handled before. */
  Set<String> seenAmong(Collection<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql("select message_id from processed_reply where message_id in (:ids)")
            .param("ids", messageIds)
            .query(String.class)
            .list());
  }

  /** Records replies now on the broker, in one statement. */
  void published(List<String> messageIds, Instant at) {
    if (messageIds.isEmpty()) {
      return;
    }
    Timestamp when = Timestamp.from(at);
    jdbc.sql(
            """
            insert into processed_reply (message_id, outcome, processed_at) values :rows
            on conflict (message_id) do nothing
            """)
        .param("rows", messageIds.stream().map(id -> new Object[] {id, "PUBLISHED", when}).toList())
        .update();
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
