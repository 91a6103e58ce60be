package org.convene.notifier.invitation;

import java.time.ZoneId;
import java.util.Locale;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Quorum;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Decides what a confirmation, quorum alert or nudge shows: builds its {@link AnswerNoticeView}.
 * Reached through {@link NoticeViews}, which decides for every notice.
 */
final class AnswerNoticeViews {

  private final ResourceBundleMessageSource mailMessages;

  AnswerNoticeViews(ResourceBundleMessageSource mailMessages) {
    this.mailMessages = mailMessages;
  }

  AnswerNoticeView of(Notice notice, Locale locale) {
    MeetingSnapshot meeting = notice.event().meeting();
    ZoneId meetingZone = NoticeViews.meetingZone(meeting);
    ZoneId zone = NoticeViews.recipientZone(notice.recipient(), meetingZone);
    String kind = notice.kind().name();
    Notice.Answers answers = notice.answers();
    String answerKey = null;
    String channelKey = null;
    String delegatedTo = null;
    String comment = null;
    boolean olderRevision = false;
    String suffix = "";
    if (notice.event() instanceof AttendeeAnswered answered) {
      answerKey = "answered." + answered.answer().name();
      channelKey = "answered.channel." + answered.channel().name();
      delegatedTo = emptyToNull(SafeText.singleLine(answered.delegatedTo()));
      comment = emptyToNull(SafeText.singleLine(answered.comment()));
      olderRevision = answered.answeredRevision() < answered.revision();
    } else if (notice.kind() == NoticeKind.QUORUM_ALERT) {
      suffix = answers.minutesBefore() < 0 ? ".unreachable" : "";
    }
    // An alert at once that its scheduling owes (a check at a lead time may be written from the
    // scheduling too, when nothing changed since): out of reach from the start, not "no longer",
    // since nobody has declined yet, and the remedy is the people invited or the rule.
    String introSuffix =
        suffix.equals(".unreachable") && notice.event() instanceof MeetingScheduled
            ? suffix + ".scheduled"
            : suffix;
    Quorum quorum = answers.quorum();
    return new AnswerNoticeView(
        locale.toLanguageTag(),
        kind,
        "subject." + kind + suffix,
        "intro." + kind + introSuffix,
        SafeText.singleLine(notice.recipient().name()),
        SafeText.singleLine(meeting.title()),
        SafeText.singleLine(meeting.organiser().name()),
        NoticeViews.span(meeting.start(), meeting.end(), meetingZone, zone, locale),
        answerKey,
        channelKey,
        delegatedTo,
        comment,
        olderRevision,
        answers.minutesBefore() < 0 ? null : lead(answers.minutesBefore(), locale),
        quorum == null
            ? null
            : new AnswerNoticeView.QuorumLine(
                quorum.voters(),
                quorum.required(),
                quorum.accepted(),
                quorum.tentative(),
                quorum.pending()));
  }

  /** "in 2 days", "in 1 hour": how soon the meeting starts, in whole units, as reminders say it. */
  private String lead(int minutesBefore, Locale locale) {
    if (minutesBefore % (24 * 60) == 0 && minutesBefore > 0) {
      return mailMessages.getMessage(
          "reminder.lead.days", new Object[] {minutesBefore / (24 * 60)}, locale);
    }
    if (minutesBefore % 60 == 0 && minutesBefore > 0) {
      return mailMessages.getMessage(
          "reminder.lead.hours", new Object[] {minutesBefore / 60}, locale);
    }
    return mailMessages.getMessage("reminder.lead.minutes", new Object[] {minutesBefore}, locale);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
