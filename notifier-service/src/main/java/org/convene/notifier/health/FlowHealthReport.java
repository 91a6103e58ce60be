package org.convene.notifier.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.convene.notifier.reply.MailboxStatus;
import org.convene.notifier.system.ConsoleMessages;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Puts the figures together, judges each against its threshold, and names what is wrong. */
@Component
class FlowHealthReport {

  private static final Duration REMINDERS_AHEAD = Duration.ofHours(1);

  private final HealthFigures figures;
  private final ConsumerLag lag;
  private final SchedulerOutbox outbox;
  private final MailboxStatus mailbox;
  private final HealthProperties properties;
  private final Clock clock;
  private final MessageSource messages;

  FlowHealthReport(
      HealthFigures figures,
      ConsumerLag lag,
      SchedulerOutbox outbox,
      MailboxStatus mailbox,
      HealthProperties properties,
      Clock clock,
      @Qualifier(ConsoleMessages.BEAN) MessageSource opsMessages) {
    this.figures = figures;
    this.lag = lag;
    this.outbox = outbox;
    this.mailbox = mailbox;
    this.properties = properties;
    this.clock = clock;
    this.messages = opsMessages;
  }

  FlowHealth now() {
    Instant now = clock.instant();
    FlowHealth.Lag lags = lag.read(properties.lagWarning());
    FlowHealth.Outbox waiting = outbox.read(properties.outboxAgeWarning());
    FlowHealth.Owed owed = owed(figures.owed(), now);
    FlowHealth.Sends sends = sends(figures.attemptedSince(now.minus(properties.window())));
    FlowHealth.Reminders reminders = figures.remindersDue(now, now.plus(REMINDERS_AHEAD));
    FlowHealth.DeadLetters deadLetters = new FlowHealth.DeadLetters(figures.openDeadLetters());
    FlowHealth.Mailbox replies = mailbox(mailbox.now(), now);
    return new FlowHealth(
        now,
        lags,
        waiting,
        owed,
        sends,
        reminders,
        deadLetters,
        replies,
        problems(lags, waiting, owed, sends, deadLetters, replies, now, messages));
  }

  /**
   * High when the reader has been unable to reach the mailbox, or connecting, or has not looked
   * into it, for longer than the threshold: a blip (a server restart) is not worth a page.
   */
  FlowHealth.Mailbox mailbox(MailboxStatus.Snapshot status, Instant now) {
    Duration threshold = properties.mailboxWarning();
    Instant limit = now.minus(threshold);
    boolean high =
        switch (status.state()) {
          case DISABLED -> false;
          case CONNECTING, UNAVAILABLE -> status.since() != null && status.since().isBefore(limit);
          case READING -> status.lastLook() != null && status.lastLook().isBefore(limit);
        };
    return new FlowHealth.Mailbox(
        status.state().name(),
        status.mailbox(),
        status.since(),
        status.detail(),
        status.lastLook(),
        threshold,
        high);
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
  static List<Problem> problems(
      FlowHealth.Lag lag,
      FlowHealth.Outbox outbox,
      FlowHealth.Owed owed,
      FlowHealth.Sends sends,
      FlowHealth.DeadLetters deadLetters,
      FlowHealth.Mailbox mailbox,
      Instant now,
      MessageSource messages) {
    List<Problem> problems = new ArrayList<>();
    if (lag.unavailable() != null) {
      problems.add(problem(messages, "lagUnknown", lag.unavailable()));
    }
    lag.partitions().stream()
        .filter(FlowHealth.PartitionLag::high)
        .forEach(
            p ->
                problems.add(
                    problem(
                        messages,
                        "lag",
                        p.group(),
                        p.lag(),
                        p.topic() + "-" + p.partition(),
                        lag.threshold())));
    if (outbox.high()) {
      problems.add(
          problem(
              messages, "outboxAge", outbox.oldestAgeSeconds(), outbox.threshold().toSeconds()));
    }
    if ("UNREACHABLE".equals(outbox.state())) {
      problems.add(problem(messages, "schedulerUnreachable", outbox.detail()));
    }
    if (owed.high()) {
      problems.add(
          problem(messages, "owedLate", owed.overdueSeconds(), owed.threshold().toSeconds()));
    }
    if (sends.high()) {
      problems.add(
          problem(
              messages,
              "sendErrors",
              sends.failed(),
              sends.window().toMinutes(),
              sends.threshold()));
    }
    if (deadLetters.high()) {
      problems.add(problem(messages, "deadLetters", deadLetters.total()));
    }
    if (mailbox.high()) {
      if ("READING".equals(mailbox.state())) {
        problems.add(
            problem(
                messages,
                "mailboxStalled",
                mailbox.mailbox(),
                Duration.between(mailbox.lastLook(), now).toSeconds(),
                mailbox.threshold().toSeconds()));
      } else {
        problems.add(
            problem(
                messages,
                "mailboxUnavailable",
                mailbox.mailbox(),
                Duration.between(mailbox.since(), now).toSeconds(),
                mailbox.threshold().toSeconds(),
                mailbox.detail() == null ? "-" : mailbox.detail()));
      }
    }
    return List.copyOf(problems);
  }

  private static Problem problem(MessageSource messages, String name, Object... arguments) {
    String code = "health.problem." + name;
    return new Problem(
        code, Arrays.asList(arguments), messages.getMessage(code, arguments, Locale.ENGLISH));
  }
}
