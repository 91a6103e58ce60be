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
 * How reminders are planned, under {@code convene.notifier.reminders}. Checked at start-up: a bad
 * value stops the application with a message naming the property.
 *
 * @param defaultOffsets when reminders go out for a meeting whose event names none, as durations
 *     before the start ({@code 1d,1h}); whole minutes, at most a year
 * @param grace how late a reminder may still go out. One whose time has passed when its meeting is
 *     scheduled or moved fires at once if it is late by no more than this, and is skipped if later;
 *     one that fires later than its time plus this (no instance ran meanwhile) is recorded as
 *     missed instead of sent. At most a day.
 * @param includeInformationCopies whether participants with the role INFORMATION get reminders too;
 *     for the sink that sends them
 * @param planRetention how long a meeting's plan (the revision its reminders follow) is kept after
 *     the meeting's end, or after its cancellation if that comes later, so that an older event read
 *     again meanwhile (a replay from the dead-letter topic, a consumer reset) changes nothing; at
 *     least the topic's retention
 */
@ConfigurationProperties("convene.notifier.reminders")
@Validated
public record ReminderProperties(
    @DefaultValue("1d,1h") @NotNull @Size(max = 20)
        List<@NotNull @DurationMin(minutes = 0) @DurationMax(days = 366) Duration> defaultOffsets,
    @DefaultValue("10m") @NotNull @DurationMin(millis = 0) @DurationMax(days = 1) Duration grace,
    @DefaultValue("false") boolean includeInformationCopies,
    @DefaultValue("7d") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 3660)
        Duration planRetention) {

  public ReminderProperties {
    // Offsets name the triggers and reach the sink in minutes: a finer one would be silently cut.
    if (defaultOffsets != null) {
      for (Duration offset : defaultOffsets) {
        if (offset != null && (offset.toSeconds() % 60 != 0 || offset.toNanosPart() != 0)) {
          throw new IllegalArgumentException(
              "convene.notifier.reminders.default-offsets must be whole minutes (such as 1d, 1h or 15m): "
                  + offset);
        }
      }
      defaultOffsets = List.copyOf(defaultOffsets);
    }
  }

  /** {@link #defaultOffsets()} in minutes. */
  public List<Integer> defaultMinutesBefore() {
    return defaultOffsets.stream().map(offset -> Math.toIntExact(offset.toMinutes())).toList();
  }
}
