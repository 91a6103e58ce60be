package org.convene.notifier.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the mail relay ({@code spring.mail.host}) accepts, under {@code
 * convene.notifier.delivery.relay-limit}; enforced for every dispatcher thread of every notifier
 * instance together, through one row per relay in the database. Unlimited unless set. Checked at
 * start-up: a bad value stops the application with a message naming the property.
 *
 * <p>Each message carries one recipient, so messages and recipients count alike: a relay's limit of
 * recipients per day is {@code messages-per-day}, and a limit of recipients per message is always
 * met.
 *
 * @param messagesPerSecond the most messages per second the relay takes; {@code 0} for no limit.
 *     Sends are spaced evenly, never in bursts above it
 * @param messagesPerDay the most messages the relay takes in one day ({@code day-zone}); {@code 0}
 *     for no limit. Once reached, what is owed waits, shown with the reason on {@code
 *     /actuator/deliveries}, until the next day
 * @param dayZone the time zone of the relay's day, whose midnight resets the daily count
 * @param slowDownFactor what the rate in force is multiplied by when the relay answers 421 or 451
 *     asking to slow down (too many messages, a rate limit), at most once per {@code horizon}
 * @param minimumMessagesPerSecond the rate in force never goes below this, however often the relay
 *     asks to slow down; at most {@code messages-per-second}. {@code 0}: a tenth of it
 * @param recovery how long the rate in force takes to climb back from the minimum to {@code
 *     messages-per-second} while the relay does not ask again: it recovers gradually, linearly
 * @param horizon how far ahead dispatchers may reserve send slots together: the longest a message
 *     that becomes urgent waits behind messages already given slots. Also bounds a batch to what
 *     this horizon allows at the rate in force
 */
@ConfigurationProperties("convene.notifier.delivery.relay-limit")
@Validated
public record RelayLimitProperties(
    @DefaultValue("0") @DecimalMin("0") @DecimalMax("100000") double messagesPerSecond,
    @DefaultValue("0") @Min(0) @Max(100_000_000) int messagesPerDay,
    @DefaultValue("UTC") @NotNull ZoneId dayZone,
    @DefaultValue("0.5") @DecimalMin("0.05") @DecimalMax("0.95") double slowDownFactor,
    @DefaultValue("0") @DecimalMin("0") @DecimalMax("100000") double minimumMessagesPerSecond,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1)
        Duration recovery,
    @DefaultValue("1s") @NotNull @DurationMin(millis = 50) @DurationMax(seconds = 30)
        Duration horizon) {

  public RelayLimitProperties {
    if (messagesPerSecond > 0 && minimumMessagesPerSecond > messagesPerSecond) {
      throw new IllegalArgumentException(
          "convene.notifier.delivery.relay-limit.minimum-messages-per-second ("
              + minimumMessagesPerSecond
              + ") must not exceed convene.notifier.delivery.relay-limit.messages-per-second ("
              + messagesPerSecond
              + ")");
    }
  }

  /** Whether any limit is set: without one, no slot is reserved and nothing is counted. */
  boolean limited() {
    return messagesPerSecond > 0 || messagesPerDay > 0;
  }

  /** The lowest rate in force, in messages per second; meaningful when the rate is limited. */
  double floor() {
    return minimumMessagesPerSecond > 0 ? minimumMessagesPerSecond : messagesPerSecond / 10;
  }

  /** Whether the rate is limited. */
  boolean rateLimited() {
    return messagesPerSecond > 0;
  }
}
