package org.convene.notifier.invitation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ReferenceDocument;
import org.convene.notifier.invitation.NoticeView.AgendaLine;
import org.convene.notifier.invitation.NoticeView.DocumentLine;
import org.convene.notifier.invitation.NoticeView.ParticipantLine;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/** Decides what one recipient is shown: builds the {@link NoticeView} of a {@link Notice}. */
@Component
class NoticeViews {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final ResourceBundleMessageSource mailMessages;
  private final AnswerNoticeViews answerViews;

  NoticeViews(ResourceBundleMessageSource mailMessages) {
    this.mailMessages = mailMessages;
    this.answerViews = new AnswerNoticeViews(mailMessages);
  }

  /** The view of a confirmation, quorum alert or nudge. */
  AnswerNoticeView aboutAnswers(Notice notice, Locale locale) {
    return answerViews.of(notice, locale);
  }

  NoticeView of(Notice notice, Locale locale) {
    return of(notice, locale, new SharedParts());
  }

  /**
   * The view, with what it shares with other recipients of the same event taken from {@code
   * shared}, or worked out and kept there.
   */
  NoticeView of(Notice notice, Locale locale, SharedParts shared) {
    MeetingSnapshot meeting = notice.event().meeting();
    Participant recipient = notice.recipient();
    ZoneId meetingZone = meetingZone(meeting);
    ZoneId zone = recipientZone(recipient, meetingZone);
    String recipientKey = Recipients.mailboxKey(recipient.email());
    ChangeWording.Lines changes =
        notice.kind() == NoticeKind.UPDATE
            ? changes(notice, zone, locale)
            : ChangeWording.Lines.NONE;
    boolean reminder = notice.kind() == NoticeKind.REMINDER;
    Shared common =
        shared.of(
            notice.event(), zone, locale, () -> shared(notice.event(), meetingZone, zone, locale));
    List<AgendaLine> agenda =
        common.presenters().contains(recipientKey)
            ? markMine(common, recipientKey)
            : common.agenda();
    String kind = notice.kind().name();
    String roleKey = "role." + recipient.role().name();
    return new NoticeView(
        locale.toLanguageTag(),
        kind,
        "subject." + kind,
        "intro." + kind,
        reminder ? lead(notice.reminder().minutesBefore(), locale) : null,
        !notice.kind().cancels(),
        SafeText.singleLine(recipient.name()),
        mailMessages.getMessage(roleKey, null, locale),
        mailMessages.getMessage(
            reminder ? "reminder." + roleKey + ".note" : roleKey + ".note", null, locale),
        common.title(),
        common.description(),
        common.organiserName(),
        common.when(),
        common.meetingWhen(),
        zone.getId(),
        common.location(),
        common.onlineLink(),
        common.chairName(),
        reasonOf(notice),
        reminder ? "reminder.yours" : "changes.yours",
        reminder ? presenting(agenda, locale) : changes.yours(),
        changes.others(),
        agenda,
        common.documents(),
        recipient.role() == ParticipantRole.CHAIR && notice.kind() != NoticeKind.WITHDRAWAL
            ? participants(meeting)
            : List.of());
  }

  /**
   * What changed since the meeting as the recipient last got it; if that is not known, what the
   * event itself changed, and that earlier changes cannot be described.
   */
  private ChangeWording.Lines changes(Notice notice, ZoneId zone, Locale locale) {
    MeetingSnapshot meeting = notice.event().meeting();
    if (notice.lastSent() != null) {
      ChangeSummary summary = ChangeSummary.between(notice.lastSent(), meeting);
      return ChangeWording.of(
          summary, notice.lastSent(), meeting, notice.recipient(), zone, locale, mailMessages);
    }
    return ChangeWording.of(
            ChangeSummary.of(notice.event()),
            null,
            meeting,
            notice.recipient(),
            zone,
            locale,
            mailMessages)
        .with(mailMessages.getMessage("change.undescribed", null, locale));
  }

  /**
   * What every recipient of one event who reads the same language in the same zone is shown alike:
   * worked out once for them all in a batch (a meeting's recipients mostly share a handful of
   * these), not once per recipient. Agenda lines have {@code mine} false; {@code presenters} holds
   * each line's presenter key, so that a presenter's own lines can be marked.
   */
  private record Shared(
      String title,
      String description,
      String organiserName,
      String when,
      String meetingWhen,
      String location,
      String onlineLink,
      String chairName,
      List<AgendaLine> agenda,
      List<String> presenters,
      List<DocumentLine> documents) {}

  /**
   * The parts shared by recipients of one batch, by event (the very object: a batch reads each
   * event once), zone and language. Not shared between batches or threads.
   */
  static final class SharedParts {

    private final Map<MeetingEvent, Map<List<Object>, Object>> byEvent = new IdentityHashMap<>();

    @SuppressWarnings("unchecked")
    private <T> T of(MeetingEvent event, ZoneId zone, Locale locale, Supplier<T> work) {
      return (T)
          byEvent
              .computeIfAbsent(event, e -> new HashMap<>())
              .computeIfAbsent(List.of(zone, locale), key -> work.get());
    }
  }

  private Shared shared(MeetingEvent event, ZoneId meetingZone, ZoneId zone, Locale locale) {
    MeetingSnapshot meeting = event.meeting();
    List<AgendaLine> agenda = agenda(meeting, meetingZone, zone);
    List<String> presenters = new ArrayList<>();
    for (AgendaItem item : meeting.agenda()) {
      boolean presented = item.presenterEmail() != null && !item.presenterEmail().isBlank();
      presenters.add(presented ? Recipients.mailboxKey(item.presenterEmail()) : "");
    }
    return new Shared(
        SafeText.singleLine(meeting.title()),
        SafeText.multiLine(meeting.description()),
        SafeText.singleLine(meeting.organiser().name()),
        span(meeting.start(), meeting.end(), meetingZone, zone, locale),
        zone.equals(meetingZone)
            ? null
            : span(meeting.start(), meeting.end(), meetingZone, meetingZone, locale),
        emptyToNull(SafeText.singleLine(meeting.location())),
        WebLinks.text(meeting.onlineLink()),
        meeting.chair().map(chair -> SafeText.singleLine(chair.name())).orElse(null),
        agenda,
        List.copyOf(presenters),
        documents(meeting));
  }

  /** The shared agenda with the lines that {@code recipientKey} presents marked as theirs. */
  private static List<AgendaLine> markMine(Shared common, String recipientKey) {
    List<AgendaLine> lines = new ArrayList<>(common.agenda().size());
    for (int i = 0; i < common.agenda().size(); i++) {
      AgendaLine line = common.agenda().get(i);
      boolean mine = common.presenters().get(i).equals(recipientKey);
      lines.add(
          mine
              ? new AgendaLine(
                  line.number(),
                  line.start(),
                  line.title(),
                  line.presenter(),
                  line.durationMinutes(),
                  line.notes(),
                  true)
              : line);
    }
    return List.copyOf(lines);
  }

  /** "in 1 hour", "in 2 days", "now": how soon a reminder's meeting starts, in whole units. */
  private String lead(int minutesBefore, Locale locale) {
    if (minutesBefore == 0) {
      return mailMessages.getMessage("reminder.lead.now", null, locale);
    }
    if (minutesBefore % (24 * 60) == 0) {
      return mailMessages.getMessage(
          "reminder.lead.days", new Object[] {minutesBefore / (24 * 60)}, locale);
    }
    if (minutesBefore % 60 == 0) {
      return mailMessages.getMessage(
          "reminder.lead.hours", new Object[] {minutesBefore / 60}, locale);
    }
    return mailMessages.getMessage("reminder.lead.minutes", new Object[] {minutesBefore}, locale);
  }

  /** The items the recipient presents, for the top of a reminder. */
  private List<String> presenting(List<AgendaLine> agenda, Locale locale) {
    List<String> lines = new ArrayList<>();
    for (AgendaLine item : agenda) {
      if (item.mine()) {
        lines.add(
            mailMessages.getMessage(
                "reminder.presenting",
                new Object[] {item.number(), item.title(), item.start(), item.durationMinutes()},
                locale));
      }
    }
    return List.copyOf(lines);
  }

  private static String reasonOf(Notice notice) {
    if (notice.kind() == NoticeKind.CANCELLATION
        && notice.event() instanceof MeetingCancelled cancelled) {
      return emptyToNull(SafeText.singleLine(cancelled.reason()));
    }
    return null;
  }

  /** The agenda with planned start times in {@code zone}; no line marked as the reader's own. */
  private static List<AgendaLine> agenda(MeetingSnapshot meeting, ZoneId meetingZone, ZoneId zone) {
    List<AgendaLine> lines = new ArrayList<>();
    ZonedDateTime start = meeting.start().atZone(meetingZone).withZoneSameInstant(zone);
    int number = 1;
    for (AgendaItem item : meeting.agenda()) {
      String presenter = null;
      if (item.presenterEmail() != null && !item.presenterEmail().isBlank()) {
        presenter =
            SafeText.singleLine(
                nameOf(
                    meeting, Recipients.mailboxKey(item.presenterEmail()), item.presenterEmail()));
      }
      lines.add(
          new AgendaLine(
              number++,
              TIME.format(start),
              SafeText.singleLine(item.title()),
              presenter,
              item.durationMinutes(),
              emptyToNull(SafeText.singleLine(item.notes())),
              false));
      start = start.plusMinutes(item.durationMinutes());
    }
    return List.copyOf(lines);
  }

  /** The name of the participant with this mailbox key, the first if several; else the address. */
  private static String nameOf(MeetingSnapshot meeting, String mailboxKey, String email) {
    for (Participant participant : meeting.participants()) {
      if (Recipients.mailboxKey(participant.email()).equals(mailboxKey)) {
        return participant.name();
      }
    }
    return email;
  }

  private static List<DocumentLine> documents(MeetingSnapshot meeting) {
    List<DocumentLine> lines = new ArrayList<>();
    for (ReferenceDocument document : meeting.documents()) {
      lines.add(
          new DocumentLine(SafeText.singleLine(document.title()), WebLinks.text(document.url())));
    }
    return List.copyOf(lines);
  }

  private static List<ParticipantLine> participants(MeetingSnapshot meeting) {
    List<ParticipantLine> lines = new ArrayList<>();
    for (Participant participant : Recipients.of(meeting)) {
      lines.add(
          new ParticipantLine(
              SafeText.singleLine(participant.name()),
              "role." + participant.role().name(),
              emptyToNull(SafeText.singleLine(participant.group()))));
    }
    return List.copyOf(lines);
  }

  /** "Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)", in the locale's words. */
  static String span(
      LocalDateTime start, LocalDateTime end, ZoneId meetingZone, ZoneId zone, Locale locale) {
    ZonedDateTime from = start.atZone(meetingZone).withZoneSameInstant(zone);
    ZonedDateTime to = end.atZone(meetingZone).withZoneSameInstant(zone);
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    StringBuilder text =
        new StringBuilder()
            .append(date.format(from))
            .append(' ')
            .append(TIME.format(from))
            .append('–');
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
          "Meeting time zone '"
              + SafeText.singleLine(meeting.timeZone())
              + "' is not an IANA zone id",
          e);
    }
  }

  /** The recipient's own zone; the meeting's if they have none or it is not a valid zone id. */
  static ZoneId recipientZone(Participant recipient, ZoneId meetingZone) {
    if (recipient.timeZone() == null || recipient.timeZone().isBlank()) {
      return meetingZone;
    }
    try {
      return ZoneId.of(recipient.timeZone().strip());
    } catch (DateTimeException e) {
      // Only how times are shown to one reader depends on it: not worth refusing the message.
      return meetingZone;
    }
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
