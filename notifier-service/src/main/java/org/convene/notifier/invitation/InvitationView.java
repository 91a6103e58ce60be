package org.convene.notifier.invitation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ReferenceDocument;

/**
 * What the mail templates show to one recipient: the meeting's text made safe, times formatted in
 * the recipient's zone and language, and message keys chosen by role. Templates only print it;
 * every decision is made here, in Java.
 *
 * @param languageTag the recipient's language, for {@code <html lang>}
 * @param when start and end in the recipient's zone, with the zone id
 * @param meetingWhen start and end in the meeting's zone, or {@code null} if that is the recipient's
 * @param zone the recipient's zone id, in which the agenda's times are given
 * @param onlineLink the link to join online if it is an absolute http(s) URL, else {@code null}
 * @param roleKey message key naming the recipient's role
 * @param roleNoteKey message key of the sentence that tells the recipient what the role means
 */
record InvitationView(
    String languageTag,
    String recipientName,
    String roleKey,
    String roleNoteKey,
    String title,
    String description,
    String organiserName,
    String when,
    String meetingWhen,
    String zone,
    String location,
    String onlineLink,
    String chairName,
    List<AgendaLine> agenda,
    List<DocumentLine> documents) {

  /** One agenda item; {@code start} is the planned start time in the recipient's zone. */
  record AgendaLine(int number, String start, String title, String presenter, int durationMinutes, String notes) {}

  /** One reference document; {@code link} is {@code null} unless it is an http(s) URL. */
  record DocumentLine(String title, String link) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  static InvitationView of(MeetingEvent event, Participant recipient, Locale locale) {
    MeetingSnapshot meeting = event.meeting();
    ZoneId meetingZone = meetingZone(meeting);
    ZoneId zone = recipientZone(recipient, meetingZone);
    Map<String, String> names = new HashMap<>();
    for (Participant participant : meeting.participants()) {
      names.putIfAbsent(Recipients.mailboxKey(participant.email()), SafeText.singleLine(participant.name()));
    }
    return new InvitationView(
        locale.toLanguageTag(),
        SafeText.singleLine(recipient.name()),
        "role." + recipient.role().name(),
        "role." + recipient.role().name() + ".note",
        SafeText.singleLine(meeting.title()),
        SafeText.multiLine(meeting.description()),
        SafeText.singleLine(meeting.organiser().name()),
        span(meeting.start(), meeting.end(), meetingZone, zone, locale),
        zone.equals(meetingZone) ? null : span(meeting.start(), meeting.end(), meetingZone, meetingZone, locale),
        zone.getId(),
        emptyToNull(SafeText.singleLine(meeting.location())),
        WebLinks.text(meeting.onlineLink()),
        meeting.chair().map(chair -> SafeText.singleLine(chair.name())).orElse(null),
        agenda(meeting, meetingZone, zone, names),
        documents(meeting));
  }

  private static List<AgendaLine> agenda(MeetingSnapshot meeting, ZoneId meetingZone, ZoneId zone, Map<String, String> names) {
    List<AgendaLine> lines = new ArrayList<>();
    ZonedDateTime start = meeting.start().atZone(meetingZone).withZoneSameInstant(zone);
    int number = 1;
    for (AgendaItem item : meeting.agenda()) {
      String presenter = null;
      if (item.presenterEmail() != null && !item.presenterEmail().isBlank()) {
        presenter = names.getOrDefault(Recipients.mailboxKey(item.presenterEmail()), SafeText.singleLine(item.presenterEmail()));
      }
      lines.add(
          new AgendaLine(
              number++,
              TIME.format(start),
              SafeText.singleLine(item.title()),
              presenter,
              item.durationMinutes(),
              emptyToNull(SafeText.singleLine(item.notes()))));
      start = start.plusMinutes(item.durationMinutes());
    }
    return List.copyOf(lines);
  }

  private static List<DocumentLine> documents(MeetingSnapshot meeting) {
    List<DocumentLine> lines = new ArrayList<>();
    for (ReferenceDocument document : meeting.documents()) {
      lines.add(new DocumentLine(SafeText.singleLine(document.title()), WebLinks.text(document.url())));
    }
    return List.copyOf(lines);
  }

  /** "Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)", in the locale's words. */
  static String span(LocalDateTime start, LocalDateTime end, ZoneId meetingZone, ZoneId zone, Locale locale) {
    ZonedDateTime from = start.atZone(meetingZone).withZoneSameInstant(zone);
    ZonedDateTime to = end.atZone(meetingZone).withZoneSameInstant(zone);
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    StringBuilder text = new StringBuilder().append(date.format(from)).append(' ').append(TIME.format(from)).append('–');
    if (!to.toLocalDate().equals(from.toLocalDate())) {
      text.append(date.format(to)).append(' ');
    }
    return text.append(TIME.format(to)).append(" (").append(zone.getId()).append(')').toString();
  }

  static ZoneId meetingZone(MeetingSnapshot meeting) {
    try {
      return ZoneId.of(meeting.timeZone());
    } catch (DateTimeException e) {
      throw new UnsendableInvitationException(
          "Meeting time zone '" + SafeText.singleLine(meeting.timeZone()) + "' is not an IANA zone id", e);
    }
  }

  /** The recipient's own zone; the meeting's if they have none or it is not a valid zone id. */
  private static ZoneId recipientZone(Participant recipient, ZoneId meetingZone) {
    if (recipient.timeZone() == null || recipient.timeZone().isBlank()) {
      return meetingZone;
    }
    try {
      return ZoneId.of(recipient.timeZone().strip());
    } catch (DateTimeException e) {
      // Only how times are shown to one reader depends on it: not worth refusing the invitation.
      return meetingZone;
    }
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
