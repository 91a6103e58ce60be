package org.convene.scheduler.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.convene.scheduler.meeting.MeetingView;

/** A meeting's times as the pages show them: in the viewer's zone, and in the meeting's own. */
record TimeText(String inViewerZone, String inMeetingZone, boolean sameZone) {

  static TimeText of(MeetingView meeting, ZoneId viewer, Locale locale) {
    ZoneId own = ZoneId.of(meeting.timeZone());
    ZonedDateTime start = meeting.start().atZone(own);
    ZonedDateTime end = meeting.end().atZone(own);
    return new TimeText(
        span(start.withZoneSameInstant(viewer), end.withZoneSameInstant(viewer), locale),
        span(start, end, locale),
        viewer.equals(own));
  }

  static String span(ZonedDateTime start, ZonedDateTime end, Locale locale) {
    DateTimeFormatter full =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale);
    DateTimeFormatter time =
        DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    String endText =
        end.toLocalDate().equals(start.toLocalDate()) ? end.format(time) : end.format(full);
    return start.format(full) + " – " + endText + " (" + start.getZone().getId() + ")";
  }

  static String clock(LocalDateTime at, Locale locale) {
    return at.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
  }
}
