package org.convene.notifier.deadletter;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The dead letters, in table {@code dead_letter}: one row per record, with the groups listed. */
@Repository
class DeadLetterLedger {

  /** Enough of a failure's message to diagnose it. */
  static final int MAX_MESSAGE_LENGTH = 4000;

  private static final String COLUMNS =
      """
      id, topic, partition_no, record_offset, record_key, groups, exception, message, first_failed_at,
      last_failed_at, status, resolved_by, resolved_at, resolution_reason
      """;

  private static final String FILTER =
      """
      (cast(:status as text) is null or status = cast(:status as text))
        and (cast(:reason as text) is null or strpos(lower(exception), lower(cast(:reason as text))) > 0)
        and (cast(:group as text) is null or cast(:group as text) = any(groups))
        and (cast(:key as text) is null or record_key = cast(:key as text))
      """;

  private static final RowMapper<DeadLetter> LETTER =
      (rs, row) ->
          new DeadLetter(
              rs.getLong("id"),
              rs.getString("topic"),
              rs.getInt("partition_no"),
              rs.getLong("record_offset"),
              rs.getString("record_key"),
              strings(rs.getArray("groups")),
              rs.getString("exception"),
              rs.getString("message"),
              instant(rs.getTimestamp("first_failed_at")),
              instant(rs.getTimestamp("last_failed_at")),
              DeadLetterStatus.valueOf(rs.getString("status")),
              rs.getString("resolved_by"),
              instant(rs.getTimestamp("resolved_at")),
              rs.getString("resolution_reason"));

  private final JdbcClient jdbc;
  private final JsonMapper json;

  DeadLetterLedger(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records that the record's group gave up on it: a new row for a record no group gave up on
   * before, else the group added to its row. Locks the row until the transaction ends.
   */
  Recorded record(FailedRecord failed) {
    return jdbc.sql(
            """
            insert into dead_letter (topic, partition_no, record_offset, record_key, record_value, headers,
                                     record_timestamp, groups, exception, message)
            values (:topic, :partition, :offset, :key, :value, cast(:headers as jsonb), :timestamp,
                    array[cast(:group as text)], :exception, :message)
            on conflict (topic, partition_no, record_offset) do update
            set groups = case when cast(:group as text) = any(dead_letter.groups) then dead_letter.groups
                              else dead_letter.groups || cast(:group as text) end,
                last_failed_at = now()
            returning id, published_at is not null as published, groups
            """)
        .param("topic", failed.topic())
        .param("partition", failed.partition())
        .param("offset", failed.offset())
        .param("key", failed.key())
        .param("value", failed.value())
        .param("headers", headersJson(failed.headers()))
        .param("timestamp", failed.timestamp() == null ? null : Timestamp.from(failed.timestamp()))
        .param("group", failed.group())
        .param("exception", failed.exception())
        .param("message", truncated(failed.message()))
        .query(
            (rs, row) ->
                new Recorded(
                    rs.getLong("id"), rs.getBoolean("published"), strings(rs.getArray("groups"))))
        .single();
  }

  /** Notes that the record's copy is on the dead-letter topic. */
  void published(long id) {
    jdbc.sql("update dead_letter set published_at = now() where id = :id").param("id", id).update();
  }

  /** Newest failure first. */
  List<DeadLetter> list(DeadLetterFilter filter, int limit) {
    return filtered(
            "select "
                + COLUMNS
                + " from dead_letter where "
                + FILTER
                + " order by last_failed_at desc, id desc limit :limit",
            filter)
        .param("limit", limit)
        .query(LETTER)
        .list();
  }

  /** How many dead letters are in each status, for the list's summary. */
  List<StatusCount> countByStatus() {
    return jdbc.sql("select status, count(*) as n from dead_letter group by status order by status")
        .query(
            (rs, row) ->
                new StatusCount(DeadLetterStatus.valueOf(rs.getString("status")), rs.getLong("n")))
        .list();
  }

  Optional<DeadLetter.Full> find(long id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", headers::text as headers_json, record_value"
                + " from dead_letter where id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new DeadLetter.Full(
                    LETTER.mapRow(rs, row),
                    headers(rs.getString("headers_json")),
                    rs.getBytes("record_value")))
        .optional();
  }

  /** The ids of the open dead letters that match, oldest first. */
  List<Long> openIds(DeadLetterFilter filter, int limit) {
    return filtered(
            "select id from dead_letter where "
                + FILTER
                + " and status in ('DEAD', 'PARKED') order by id limit :limit",
            filter)
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /**
   * Locks the dead letter if it is still open (neither replayed nor discarded); until the
   * transaction ends, nobody else can replay, park or discard it.
   */
  Optional<DeadLetter.Full> lockOpen(long id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", headers::text as headers_json, record_value from dead_letter"
                + " where id = :id and status in ('DEAD', 'PARKED') for update")
        .param("id", id)
        .query(
            (rs, row) ->
                new DeadLetter.Full(
                    LETTER.mapRow(rs, row),
                    headers(rs.getString("headers_json")),
                    rs.getBytes("record_value")))
        .optional();
  }

  void resolve(long id, DeadLetterStatus status, String actor, String reason) {
    jdbc.sql(
            """
            update dead_letter set status = :status, resolved_by = :actor, resolved_at = now(),
                                   resolution_reason = :reason
            where id = :id
            """)
        .param("id", id)
        .param("status", status.name())
        .param("actor", actor)
        .param("reason", reason)
        .update();
  }

  /** A dead letter's row after a group's failure was recorded. */
  record Recorded(long id, boolean published, List<String> groups) {}

  record StatusCount(DeadLetterStatus status, long count) {}

  private JdbcClient.StatementSpec filtered(String sql, DeadLetterFilter filter) {
    return jdbc.sql(sql)
        .param("status", filter.status() == null ? null : filter.status().name())
        .param("reason", filter.reason())
        .param("group", filter.group())
        .param("key", filter.key());
  }

  private String headersJson(List<RecordHeader> headers) {
    ArrayNode array = json.createArrayNode();
    Base64.Encoder base64 = Base64.getEncoder();
    for (RecordHeader header : headers) {
      array
          .addObject()
          .put("name", header.name())
          .put("value", base64.encodeToString(header.value()));
    }
    return json.writeValueAsString(array);
  }

  private List<RecordHeader> headers(String text) {
    List<RecordHeader> headers = new ArrayList<>();
    Base64.Decoder base64 = Base64.getDecoder();
    for (JsonNode header : json.readTree(text)) {
      headers.add(
          new RecordHeader(
              header.get("name").asString(), base64.decode(header.get("value").asString())));
    }
    return headers;
  }

  private static String truncated(String message) {
    return message == null || message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
