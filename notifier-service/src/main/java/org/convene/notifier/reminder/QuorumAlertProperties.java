package org.convene.notifier.reminder;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the organiser and the chair hear that a meeting's quorum is still at risk, and the voting
 * members who have not answered are nudged, under {@code convene.notifier.quorum-alerts}. Checked
 * at start-up: a bad value stops the application with a message naming the property. (An alert that
 * the quorum has become unreachable goes at once, whatever these say.)
 *
 * @param leadTimes how long before the start the quorum is checked, such as {@code 48h,24h}; whole
 *     minutes, more than zero, at most a year; empty for no checks
 * @param grace how late a planned check may still run: one that fires later than its time plus this
 *     (no instance ran meanwhile) is skipped. One whose time has already passed when the meeting is
 *     scheduled or moved is not planned at all: nobody has had the invitation long enough to
 *     answer, and scheduling a meeting 47 hours ahead must not greet its voting members with a
 *     nudge beside their invitation. At most a day.
 */
@ConfigurationProperties("convene.notifier.quorum-alerts")
@Validated
public record QuorumAlertProperties(
    @DefaultValue("48h,24h") @NotNull @Size(max = 10)
        List<@NotNull @DurationMin(minutes = 1) @DurationMax(days = 366) Duration> leadTimes,
    @DefaultValue("1h") @NotNull @DurationMin(millis = 0) @DurationMax(days = 1) Duration grace) {

  public QuorumAlertProperties {
    if (leadTimes != null) {
      for (Duration lead : leadTimes) {
        if (lead != null && (lead.toSeconds() % 60 != 0 || lead.toNanosPart() != 0)) {
          throw new IllegalArgumentException(
              "convene.notifier.quorum-alerts.lead-times must be whole minutes (such as 48h, 24h or 90m): "
                  + lead);
        }
      }
      leadTimes = List.copyOf(leadTimes);
    }
  }

  /** No checks at all. */
  static QuorumAlertProperties none() {
    return new QuorumAlertProperties(List.of(), Duration.ofHours(1));
  }

  /** {@link #leadTimes()} in minutes. */
  public List<Integer> leadMinutes() {
    return leadTimes.stream().map(lead -> Math.toIntExact(lead.toMinutes())).toList();
  }
}
