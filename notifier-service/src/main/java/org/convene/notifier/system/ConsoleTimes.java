package org.convene.notifier.system;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Times as the console's pages show them: in the viewer's zone, to the second, and how long ago (or
 * how soon) relative to when the page was drawn. The JSON API keeps ISO instants; a person at 3
 * a.m. should not have to convert nanosecond UTC stamps in their head.
 *
 * @param zone the viewer's zone (the browser's, else UTC)
 * @param now when the page is drawn, for the relative ages
 */
public record ConsoleTimes(ZoneId zone, Locale locale, Instant now, MessageSource messages) {

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** {@code 2026-12-01 14:03:07}, in the viewer's zone; {@code -} for none. */
  public String at(@Nullable Instant instant) {
    return instant == null ? "-" : SECOND.format(instant.atZone(zone));
  }

  /** {@code 3 min ago}, {@code in 40 s}: how far from now, in the largest whole unit. */
  public String ago(@Nullable Instant instant) {
    if (instant == null) {
      return "";
    }
    Duration between = Duration.between(instant, now);
    boolean past = !between.isNegative();
    Duration distance = between.abs();
    String unit;
    long amount;
    if (distance.toMinutes() == 0) {
      unit = "seconds";
      amount = distance.toSeconds();
    } else if (distance.toHours() == 0) {
      unit = "minutes";
      amount = distance.toMinutes();
    } else if (distance.toDays() == 0) {
      unit = "hours";
      amount = distance.toHours();
    } else {
      unit = "days";
      amount = distance.toDays();
    }
    return messages.getMessage(
        "time." + (past ? "ago." : "in.") + unit, new Object[] {amount}, locale);
  }

  /** {@code 2026-12-01 14:03:07 (3 min ago)}. */
  public String atAndAgo(@Nullable Instant instant) {
    return instant == null ? "-" : at(instant) + " (" + ago(instant) + ")";
  }

  /** {@code 1 day before}, {@code 2 hours before}, {@code 90 min before}: a reminder's offset. */
  public String before(int minutes) {
    if (minutes > 0 && minutes % (24 * 60) == 0) {
      return messages.getMessage("offset.days", new Object[] {minutes / (24 * 60)}, locale);
    }
    if (minutes > 0 && minutes % 60 == 0) {
      return messages.getMessage("offset.hours", new Object[] {minutes / 60}, locale);
    }
    return messages.getMessage("offset.minutes", new Object[] {minutes}, locale);
  }
}
