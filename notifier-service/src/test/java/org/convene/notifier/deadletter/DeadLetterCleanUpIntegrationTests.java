package org.convene.notifier.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.convene.notifier.NotifierTestSupport;
import org.convene.notifier.audit.OpsAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The clean-up against the real database, its "now" set by a clock: closed dead letters and audit
 * entries go once older than their retention, open and parked dead letters stay whatever their age.
 */
class DeadLetterCleanUpIntegrationTests extends NotifierTestSupport {

  static final RetentionProperties RETENTION =
      new RetentionProperties(Duration.ofDays(30), Duration.ofDays(60), Duration.ofHours(1));

  @Autowired OpsAudit audit;

  @Test
  void closedDeadLettersGoAfterTheirRetentionAndOpenOnesStay() {
    // Ahead of every row other tests write, so that only this test's rows are old enough to go.
    Instant now = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
    String topic = "clean-up-" + UUID.randomUUID();
    long replayedLongAgo = deadLetter(topic, 1, "REPLAYED", now.minus(Duration.ofDays(31)));
    long discardedLongAgo = deadLetter(topic, 2, "DISCARDED", now.minus(Duration.ofDays(45)));
    long discardedRecently = deadLetter(topic, 3, "DISCARDED", now.minus(Duration.ofDays(29)));
    long openForAges = deadLetter(topic, 4, "DEAD", null);
    long parkedForAges = deadLetter(topic, 5, "PARKED", now.minus(Duration.ofDays(300)));
    String actor = "clean-up-" + UUID.randomUUID();
    auditEntry(actor, now.minus(Duration.ofDays(61)));
    auditEntry(actor, now.minus(Duration.ofDays(50)));

    DeadLetterCleanUp.Removed removed = cleanUpAt(now).removeExpired();

    assertThat(removed.deadLetters()).isGreaterThanOrEqualTo(2);
    assertThat(ids(topic))
        .doesNotContain(replayedLongAgo, discardedLongAgo)
        .containsExactlyInAnyOrder(discardedRecently, openForAges, parkedForAges);
    assertThat(auditAges(actor, now)).containsExactly(50L);

    // Two days later the recently discarded one has had its 30 days too; the open ones stay.
    cleanUpAt(now.plus(Duration.ofDays(2))).removeExpired();
    assertThat(ids(topic)).containsExactlyInAnyOrder(openForAges, parkedForAges);
    assertThat(auditAges(actor, now)).containsExactly(50L);
  }

  private DeadLetterCleanUp cleanUpAt(Instant now) {
    return new DeadLetterCleanUp(jdbc, audit, RETENTION, Clock.fixed(now, ZoneOffset.UTC));
  }

  private long deadLetter(String topic, long offset, String status, Instant resolvedAt) {
    return jdbc.sql(
            """
            insert into dead_letter (topic, partition_no, record_offset, groups, exception, status,
                                     first_failed_at, last_failed_at, resolved_by, resolved_at)
            values (:topic, 0, :offset, array['convene-notifier'], 'x.DeserializationException', :status,
                    :failed, :failed, :by, :resolved)
            returning id
            """)
        .param("topic", topic)
        .param("offset", offset)
        .param("status", status)
        .param("failed", Timestamp.from(Instant.now().minus(Duration.ofDays(500))))
        .param("by", resolvedAt == null ? null : "ops")
        .param("resolved", resolvedAt == null ? null : Timestamp.from(resolvedAt))
        .query(Long.class)
        .single();
  }

  private void auditEntry(String actor, Instant at) {
    jdbc.sql(
            """
            insert into ops_audit (at, actor, action, target, affected)
            values (:at, :actor, 'dead-letter.discard', 'a test', 1)
            """)
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }

  private List<Long> ids(String topic) {
    return jdbc.sql("select id from dead_letter where topic = :topic")
        .param("topic", topic)
        .query(Long.class)
        .list();
  }

  /** The actor's audit entries, as their age in days at {@code now}. */
  private List<Long> auditAges(String actor, Instant now) {
    return jdbc.sql("select at from ops_audit where actor = :actor order by at")
        .param("actor", actor)
        .query((rs, row) -> Duration.between(rs.getTimestamp("at").toInstant(), now).toDays())
        .list();
  }
}
