package org.convene.notifier.health;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The health page's thresholds and where it finds the scheduler's outbox figures, prefix {@code
 * convene.notifier.ops.health}. Checked at start-up: a bad value stops the service with a message
 * naming the property.
 *
 * @param refresh how often the open page fetches its figures again
 * @param window the recent minutes over which sends and send errors are counted
 * @param lagWarning a consumer group's partition more records behind than this is highlighted
 * @param oldestDueWarning an owed message due longer ago than this is highlighted: the dispatchers
 *     are not keeping up, or the mail server refuses
 * @param sendErrorWarning more messages than this whose latest attempt failed within the window are
 *     highlighted
 * @param outboxAgeWarning an outbox event waiting longer than this is highlighted: the scheduler's
 *     relay does not reach the broker
 * @param mailboxWarning the replies mailbox unreachable, or not looked into, for longer than this
 *     is highlighted: answers from calendars are not coming in (longer than the reader's {@code
 *     idle-refresh}, 25 s by default, between two looks at a quiet mailbox)
 * @param scheduler where the scheduler's actuator answers, for its outbox figures
 */
@Validated
@ConfigurationProperties("convene.notifier.ops.health")
record HealthProperties(
    @DefaultValue("5s") @NotNull Duration refresh,
    @DefaultValue("5m") @NotNull Duration window,
    @DefaultValue("500") @Min(0) long lagWarning,
    @DefaultValue("5m") @NotNull Duration oldestDueWarning,
    @DefaultValue("10") @Min(0) long sendErrorWarning,
    @DefaultValue("1m") @NotNull Duration outboxAgeWarning,
    @DefaultValue("2m") @NotNull Duration mailboxWarning,
    @DefaultValue @NotNull Scheduler scheduler) {

  HealthProperties {
    positive("refresh", refresh);
    positive("window", window);
    positive("oldest-due-warning", oldestDueWarning);
    positive("outbox-age-warning", outboxAgeWarning);
    positive("mailbox-warning", mailboxWarning);
    if (refresh != null && refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "convene.notifier.ops.health.refresh must be at least 1s (each refresh queries the"
              + " database and the broker), not "
              + refresh);
    }
  }

  /**
   * The scheduler's actuator, read over HTTP as its ops user: the outbox lives in the scheduler's
   * database, which the notifier does not read. Without a base URL the page says "not configured".
   *
   * @param baseUrl e.g. {@code http://scheduler:8080}; unset: no outbox figures
   * @param username the scheduler's ops user (HTTP Basic)
   * @param password its password
   * @param timeout how long the page waits for the scheduler before calling it unreachable
   */
  record Scheduler(
      @Nullable URI baseUrl,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("2s") @NotNull Duration timeout) {

    Scheduler {
      positive("scheduler.timeout", timeout);
      if (baseUrl != null
          && !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
        throw new IllegalArgumentException(
            "convene.notifier.ops.health.scheduler.base-url must be an http(s) URL, not "
                + baseUrl);
      }
      if (baseUrl != null && (username == null) != (password == null)) {
        throw new IllegalArgumentException(
            "convene.notifier.ops.health.scheduler.username and .password go together: set both"
                + " or neither");
      }
    }

    boolean configured() {
      return baseUrl != null;
    }

    @Override
    public String toString() {
      return "Scheduler[baseUrl="
          + baseUrl
          + ", username="
          + username
          + ", password=(hidden), timeout="
          + timeout
          + "]";
    }
  }

  private static void positive(String name, @Nullable Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(
          "convene.notifier.ops.health." + name + " must be positive, not " + value);
    }
  }
}
