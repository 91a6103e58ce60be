package org.convene.notifier.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How owed messages are sent, under {@code convene.notifier.delivery}. Checked at start-up: a bad
 * value stops the application with a message naming the property.
 *
 * @param quietPeriod how long a recipient's message waits for further changes to the same meeting,
 *     so that a burst of edits becomes one update with the latest revision and every change; each
 *     change restarts it. {@code 0} turns the waiting off: each change goes out as soon as a
 *     dispatcher gets to it (changes recorded before it does still go out as one, the newest).
 * @param maxDelay the longest a message waits for the meeting to become quiet, measured from the
 *     first change it carries: a meeting edited without pause still gets its update out. Less than
 *     the quiet period means the first change's quiet period only.
 * @param pollInterval how often an idle dispatcher looks for messages that became due
 * @param batchSize recipients a dispatcher thread takes at once, all sent over one SMTP connection
 *     while one transaction holds them; each message's outcome is recorded as soon as it is known
 * @param threads dispatcher threads per instance, each with its own SMTP connection and, while it
 *     sends a batch, two database connections of its own: one holds the recipients, the other
 *     records the outcomes
 * @param relayProbeInterval while the mail server itself is unavailable (connections refused or
 *     lost, a 421 reply), how often one batch is tried to find out whether it is back; the messages
 *     wait for it, each due again after this interval rather than after an exponential back-off, so
 *     that sending resumes within this interval of the server's return
 * @param reportsRetryInterval how long a delivery report the broker did not take waits before it is
 *     sent again (the organisers' pages show each person's state from these reports)
 * @param retry when a failed attempt is tried again
 * @param smtp how the SMTP connections are used
 */
@ConfigurationProperties("convene.notifier.delivery")
@Validated
public record DeliveryProperties(
    @DefaultValue("3s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1)
        Duration quietPeriod,
    @DefaultValue("30s") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 24)
        Duration maxDelay,
    @DefaultValue("250ms") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 10)
        Duration pollInterval,
    @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
    @DefaultValue("3") @Min(1) @Max(32) int threads,
    @DefaultValue("2s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1)
        Duration relayProbeInterval,
    @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10)
        Duration reportsRetryInterval,
    @DefaultValue @NotNull @Valid Retry retry,
    @DefaultValue @NotNull @Valid Smtp smtp) {

  /**
   * Retries of a transient failure for one recipient (a 4xx reply to it): each waits {@code
   * initialInterval × multiplier^(attempt - 1)}, at most {@code maxInterval}, give or take {@code
   * jitter} of it at random, so that many messages failed together do not retry together; and never
   * longer than a quarter of the time left before the meeting starts (but at least {@code
   * initialInterval}), so that a meeting starting soon is not missed.
   *
   * @param maxAttempts attempts before the message is marked FAILED (an operator can retry it)
   */
  public record Retry(
      @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration initialInterval,
      @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0") double multiplier,
      @DefaultValue("10m") @NotNull @DurationMin(millis = 1) @DurationMax(hours = 24)
          Duration maxInterval,
      @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
      @DefaultValue("30") @Min(1) @Max(10_000) int maxAttempts) {}

  /**
   * @param maxMessagesPerConnection messages sent over one connection before it is closed and
   *     another opened, for servers that limit them
   */
  public record Smtp(@DefaultValue("500") @Min(1) @Max(100_000) int maxMessagesPerConnection) {}
}
