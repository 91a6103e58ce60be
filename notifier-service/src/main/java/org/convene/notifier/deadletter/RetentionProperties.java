package org.convene.notifier.deadletter;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the ops console keeps what operators have closed, prefix {@code
 * convene.notifier.ops.retention}. Checked at start-up: a bad value stops the service with a
 * message naming the property.
 *
 * @param deadLetters how long a replayed or discarded dead letter is kept after an operator closed
 *     it (open and parked ones are kept until someone decides); at least a day
 * @param audit how long an entry of the audit trail is kept; at least as long as the dead letters
 *     it speaks of
 * @param interval how often the clean-up runs; at most a day, and shorter than either retention
 */
@Validated
@ConfigurationProperties("convene.notifier.ops.retention")
public record RetentionProperties(
    @DefaultValue("30d") @NotNull Duration deadLetters,
    @DefaultValue("30d") @NotNull Duration audit,
    @DefaultValue("1h") @NotNull Duration interval) {

  private static final String PREFIX = "convene.notifier.ops.retention.";

  public RetentionProperties {
    atLeast("dead-letters", deadLetters, Duration.ofDays(1));
    atLeast("audit", audit, Duration.ofDays(1));
    atLeast("interval", interval, Duration.ofMinutes(1));
    if (interval != null && interval.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(PREFIX + "interval must be at most 1d, not " + interval);
    }
    if (audit != null && deadLetters != null && audit.compareTo(deadLetters) < 0) {
      throw new IllegalArgumentException(
          PREFIX
              + "audit ("
              + audit
              + ") must be at least "
              + PREFIX
              + "dead-letters ("
              + deadLetters
              + "): the trail must outlive what it speaks of");
    }
  }

  private static void atLeast(String name, Duration value, Duration least) {
    if (value != null && value.compareTo(least) < 0) {
      throw new IllegalArgumentException(
          PREFIX + name + " must be at least " + least + ", not " + value);
    }
  }
}
