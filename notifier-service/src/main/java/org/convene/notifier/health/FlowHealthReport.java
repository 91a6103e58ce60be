package org.convene.notifier.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Puts the figures together, judges each against its threshold, and names what is wrong. */
@Component
class FlowHealthReport {

  private static final Duration REMINDERS_AHEAD = Duration.ofHours(1);

  private final HealthFigures figures;
  private final ConsumerLag lag;
  private final SchedulerOutbox outbox;
  private final HealthProperties properties;
  private final Clock clock;

  FlowHealthReport(
      HealthFigures figures,
      ConsumerLag lag,
      SchedulerOutbox outbox,
      HealthProperties properties,
      Clock clock) {
    this.figures = figures;
    this.lag = lag;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  FlowHealth now() {
    Instant now = clock.instant();
    FlowHealth.Lag lags = lag.read(properties.lagWarning());
    FlowHealth.Outbox waiting = outbox.read(properties.outboxAgeWarning());
    FlowHealth.Owed owed = owed(figures.owed(), now);
    FlowHealth.Sends sends = sends(figures.attemptedSince(now.minus(properties.window())));
    FlowHealth.Reminders reminders = figures.remindersDue(now, now.plus(REMINDERS_AHEAD));
    FlowHealth.DeadLetters deadLetters = new FlowHealth.DeadLetters(figures.openDeadLetters());
    return new FlowHealth(
        now,
        lags,
        waiting,
        owed,
        sends,
        reminders,
        deadLetters,
        problems(lags, waiting, owed, sends, deadLetters));
  }

  FlowHealth.Owed owed(HealthFigures.Owed owed, Instant now) {
    long overdue =
        owed.oldestDue() == null || owed.oldestDue().isAfter(now)
            ? 0
            : Duration.between(owed.oldestDue(), now).toSeconds();
    return new FlowHealth.Owed(
        owed.count(),
        owed.oldestDue(),
        overdue,
        properties.oldestDueWarning(),
        overdue > properties.oldestDueWarning().toSeconds());
  }

  FlowHealth.Sends sends(HealthFigures.Attempts attempts) {
    double minutes = properties.window().toSeconds() / 60.0;
    return new FlowHealth.Sends(
        properties.window(),
        attempts.sent(),
        attempts.failed(),
        Math.round(attempts.sent() / minutes * 10) / 10.0,
        properties.sendErrorWarning(),
        attempts.failed() > properties.sendErrorWarning());
  }

  /** One sentence per figure beyond its threshold, in the order an operator should look. */
  static List<String> problems(
      FlowHealth.Lag lag,
      FlowHealth.Outbox outbox,
      FlowHealth.Owed owed,
      FlowHealth.Sends sends,
      FlowHealth.DeadLetters deadLetters) {
    List<String> problems = new ArrayList<>();
    if (lag.unavailable() != null) {
      problems.add("Consumer lag unknown: " + lag.unavailable());
    }
    lag.partitions().stream()
        .filter(FlowHealth.PartitionLag::high)
        .forEach(
            p ->
                problems.add(
                    "Group "
                        + p.group()
                        + " is "
                        + p.lag()
                        + " records behind on "
                        + p.topic()
                        + "-"
                        + p.partition()
                        + " (more than "
                        + lag.threshold()
                        + ")"));
    if (outbox.high()) {
      problems.add(
          "The scheduler's oldest outbox event has waited "
              + outbox.oldestAgeSeconds()
              + " s (more than "
              + outbox.threshold().toSeconds()
              + " s): events are not reaching the broker");
    }
    if ("UNREACHABLE".equals(outbox.state())) {
      problems.add("Scheduler unreachable: " + outbox.detail());
    }
    if (owed.high()) {
      problems.add(
          "The oldest owed message was due "
              + owed.overdueSeconds()
              + " s ago (more than "
              + owed.threshold().toSeconds()
              + " s): messages are not going out");
    }
    if (sends.high()) {
      problems.add(
          sends.failed()
              + " messages failed their latest attempt in the last "
              + sends.window().toMinutes()
              + " min (more than "
              + sends.threshold()
              + ")");
    }
    if (deadLetters.high()) {
      problems.add(deadLetters.total() + " dead letter(s) await an operator");
    }
    return List.copyOf(problems);
  }
}
