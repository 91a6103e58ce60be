package org.convene.notifier.deadletter;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.convene.notifier.audit.OpsAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes, every {@code interval}, the dead letters an operator closed (replayed or discarded) more
 * than the retention ago, and audit entries older than theirs. Open and parked dead letters stay
 * whatever their age: nobody has decided about them yet. Every instance runs it; the deletes are
 * idempotent, so two instances at once only find less to remove.
 */
@Component
class DeadLetterCleanUp implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterCleanUp.class);

  private final JdbcClient jdbc;
  private final OpsAudit audit;
  private final RetentionProperties retention;
  private final Clock clock;
  private volatile ScheduledExecutorService runner;

  DeadLetterCleanUp(JdbcClient jdbc, OpsAudit audit, RetentionProperties retention, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.retention = retention;
    this.clock = clock;
  }

  /** One clean-up as of the clock's now: how many dead letters and audit entries went. */
  Removed removeExpired() {
    Instant now = clock.instant();
    int letters =
        jdbc.sql(
                """
                delete from dead_letter
                where status in ('REPLAYED', 'DISCARDED') and resolved_at < :before
                """)
            .param("before", Timestamp.from(now.minus(retention.deadLetters())))
            .update();
    int entries = audit.removeBefore(now.minus(retention.audit()));
    if (letters > 0 || entries > 0) {
      log.info(
          "Removed {} closed dead letter(s) older than {} and {} audit entries older than {}",
          letters,
          retention.deadLetters(),
          entries,
          retention.audit());
    }
    return new Removed(letters, entries);
  }

  record Removed(int deadLetters, int auditEntries) {}

  private void runOnce() {
    try {
      removeExpired();
    } catch (RuntimeException e) {
      // The database is away: the next run tries again; nothing is lost by waiting.
      log.warn(
          "Dead-letter clean-up failed, tried again in {}: {}", retention.interval(), e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dead-letter-clean-up").daemon().factory());
    long every = retention.interval().toMillis();
    executor.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    runner = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = runner;
    runner = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return runner != null;
  }
}
