package org.convene.notifier.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notifier's own figures for the health page, each one indexed query. */
@Repository
class HealthFigures {

  /**
   * The Quartz trigger group of the reminders (one trigger per meeting and offset); the plans'
   * expiry triggers live in another group and are not reminders.
   */
  static final String REMINDER_TRIGGERS = "reminders";

  private final JdbcClient jdbc;

  HealthFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Messages owed, and the oldest due time among them (index {@code delivery_due}). */
  Owed owed() {
    return jdbc.sql(
            "select count(*) as owed, min(due_at) as oldest from delivery where status = 'PENDING'")
        .query((rs, row) -> new Owed(rs.getLong("owed"), instant(rs.getTimestamp("oldest"))))
        .single();
  }

  /**
   * Messages attempted since {@code since}: sent, and those whose latest attempt failed (still owed
   * after an error, or given up). Index {@code delivery_last_attempt}.
   */
  Attempts attemptedSince(Instant since) {
    return jdbc.sql(
            """
            select count(*) filter (where status = 'SENT') as sent,
                   count(*) filter (where status in ('PENDING', 'FAILED') and last_error is not null) as failed
            from delivery where last_attempt_at >= :since
            """)
        .param("since", Timestamp.from(since))
        .query((rs, row) -> new Attempts(rs.getLong("sent"), rs.getLong("failed")))
        .single();
  }

  /** Reminder triggers that fire in {@code [from, until)}, and the first fire time. */
  FlowHealth.Reminders remindersDue(Instant from, Instant until) {
    return jdbc.sql(
            """
            select count(*) as due, min(next_fire_time) as next from qrtz_triggers
            where trigger_group = :group and next_fire_time >= :from and next_fire_time < :until
            """)
        .param("group", REMINDER_TRIGGERS)
        .param("from", from.toEpochMilli())
        .param("until", until.toEpochMilli())
        .query(
            (rs, row) -> {
              long next = rs.getLong("next");
              Instant first = rs.wasNull() ? null : Instant.ofEpochMilli(next);
              return new FlowHealth.Reminders(rs.getLong("due"), first);
            })
        .single();
  }

  /** Open dead letters (DEAD or PARKED) by the failure's class, the most frequent first. */
  List<FlowHealth.Reason> openDeadLetters() {
    return jdbc.sql(
            """
            select exception, count(*) as letters from dead_letter
            where status in ('DEAD', 'PARKED') group by exception order by letters desc, exception
            """)
        .query(
            (rs, row) -> {
              String exception = rs.getString("exception");
              return new FlowHealth.Reason(
                  exception.substring(exception.lastIndexOf('.') + 1),
                  exception,
                  rs.getLong("letters"));
            })
        .list();
  }

  record Owed(long count, @Nullable Instant oldestDue) {}

  record Attempts(long sent, long failed) {}

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
