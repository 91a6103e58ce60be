package org.convene.notifier.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records what operators did, in table {@code ops_audit}. Written in the transaction of the action
 * it describes where there is one, so that an action and its entry are kept or lost together.
 */
@Repository
public class OpsAudit {

  /** The longest reason kept: enough to explain, not a place to paste logs. */
  public static final int MAX_REASON_LENGTH = 500;

  private final JdbcClient jdbc;

  OpsAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param actor the operator's user name
   * @param action what was done, e.g. {@code dead-letter.replay}
   * @param target what it was done to: ids or the filter that chose them
   * @param affected how many records or messages the action changed
   * @param reason the operator's reason, if one was asked for
   */
  public void record(String actor, String action, String target, int affected, String reason) {
    jdbc.sql(
            """
            insert into ops_audit (actor, action, target, affected, reason)
            values (:actor, :action, :target, :affected, :reason)
            """)
        .param("actor", actor)
        .param("action", action)
        .param("target", target)
        .param("affected", affected)
        .param(
            "reason",
            reason == null || reason.length() <= MAX_REASON_LENGTH
                ? reason
                : reason.substring(0, MAX_REASON_LENGTH))
        .update();
  }

  /** Removes the entries recorded before {@code before}; how many went. */
  public int removeBefore(Instant before) {
    return jdbc.sql("delete from ops_audit where at < :before")
        .param("before", Timestamp.from(before))
        .update();
  }

  /** The newest entries first. */
  public List<Entry> newest(int limit) {
    return jdbc.sql(
            "select at, actor, action, target, affected, reason from ops_audit order by at desc, id desc limit :limit")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Entry(
                    instant(rs.getTimestamp("at")),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("target"),
                    rs.getInt("affected"),
                    rs.getString("reason")))
        .list();
  }

  /** One operator action. */
  public record Entry(
      Instant at, String actor, String action, String target, int affected, String reason) {}

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
