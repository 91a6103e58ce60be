package org.convene.scheduler.meeting;

import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each meeting's quorum rule; a meeting without a row has {@link QuorumRule#DEFAULT}. */
@Repository
public class QuorumRules {

  private final JdbcClient jdbc;

  QuorumRules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public QuorumRule of(MeetingId id) {
    return jdbc.sql("select kind, value, chair_counts from quorum_rule where meeting_id = :id")
        .param("id", id.value())
        .query(
            (rs, n) ->
                new QuorumRule(
                    QuorumRule.Kind.valueOf(rs.getString("kind")),
                    (Integer) rs.getObject("value"),
                    rs.getBoolean("chair_counts")))
        .optional()
        .orElse(QuorumRule.DEFAULT);
  }

  public void save(MeetingId id, QuorumRule rule) {
    jdbc.sql(
            """
            insert into quorum_rule (meeting_id, kind, value, chair_counts) values (:id, :kind, :value, :chairCounts)
            on conflict (meeting_id) do update set kind = excluded.kind, value = excluded.value, chair_counts = excluded.chair_counts
            """)
        .param("id", id.value())
        .param("kind", rule.kind().name())
        .param("value", rule.value(), java.sql.Types.INTEGER)
        .param("chairCounts", rule.chairCounts())
        .update();
  }
}
