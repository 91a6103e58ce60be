package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.convene.events.Answer;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.SampleEvents;
import org.convene.notifier.invitation.KnownAnswers.KnownAnswer;
import org.junit.jupiter.api.Test;

/**
 * Later REQUESTs tell calendars who answered what (PARTSTAT), as long as the meeting is still at
 * the time they answered; a new time asks everyone again.
 */
class KnownAnswersTests {

  static final String SHEN_JIE = "shen.jie@bast.example.org";
  static final String TIAN_WEN = "tian.wen@bast.example.org";
  static final String CHEN_WEICHENG = "chen.weicheng@bast.example.org";
  static final String LI_NA = "li.na@bast.example.org";
  static final String ARCHIVE = "archive@bast.example.org";

  /** The sample meeting's time before it was rescheduled. */
  private final MeetingTime firstTime = SampleEvents.meetingScheduled().meeting().time();

  /** Everyone answered the meeting at its first time; the archive's answer's time is not known. */
  private final Map<String, KnownAnswer> known =
      Map.of(
          SHEN_JIE, new KnownAnswer(Answer.ACCEPTED, firstTime),
          TIAN_WEN, new KnownAnswer(Answer.TENTATIVE, firstTime),
          CHEN_WEICHENG, new KnownAnswer(Answer.DECLINED, firstTime),
          LI_NA, new KnownAnswer(Answer.DELEGATED, firstTime),
          ARCHIVE, new KnownAnswer(Answer.ACCEPTED, null));

  @Test
  void onlyAnswersGivenToTheMeetingsCurrentTimeStand() {
    MeetingTime later =
        new MeetingTime(
            LocalDateTime.parse("2026-12-28T14:00"),
            LocalDateTime.parse("2026-12-28T16:30"),
            firstTime.timeZone());

    assertThat(KnownAnswers.standingAt(known, firstTime))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                SHEN_JIE, Answer.ACCEPTED,
                TIAN_WEN, Answer.TENTATIVE,
                CHEN_WEICHENG, Answer.DECLINED,
                LI_NA, Answer.DELEGATED));
    assertThat(KnownAnswers.standingAt(known, later)).isEmpty();
  }

  @Test
  void anUpdateThatKeepsTheTimeCarriesEachAttendeesAnswerAndStillAsksForReplies() throws Exception {
    VEvent vevent = requestSentFor(SampleEvents.meetingDetailsChanged());

    assertThat(partStats(vevent))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mailto:" + SHEN_JIE, "ACCEPTED",
                "mailto:" + TIAN_WEN, "TENTATIVE",
                "mailto:" + CHEN_WEICHENG, "DECLINED",
                "mailto:" + LI_NA, "DELEGATED",
                "mailto:" + ARCHIVE, "NEEDS-ACTION"));
    assertThat(rsvps(vevent))
        .containsEntry("mailto:" + SHEN_JIE, "TRUE")
        .containsEntry("mailto:" + CHEN_WEICHENG, "TRUE")
        .containsEntry("mailto:" + ARCHIVE, "FALSE");
  }

  @Test
  void anUpdateToANewTimeAsksEveryoneAgainWithRsvp() throws Exception {
    VEvent vevent = requestSentFor(SampleEvents.meetingRescheduled());

    assertThat(partStats(vevent)).hasSize(5);
    assertThat(partStats(vevent).values()).containsOnly("NEEDS-ACTION");
    assertThat(rsvps(vevent))
        .containsEntry("mailto:" + SHEN_JIE, "TRUE")
        .containsEntry("mailto:" + TIAN_WEN, "TRUE")
        .containsEntry("mailto:" + CHEN_WEICHENG, "TRUE")
        .containsEntry("mailto:" + LI_NA, "TRUE");
  }

  @Test
  void aCancellationCarriesNoAnswers() throws Exception {
    MeetingEvent cancelled = SampleEvents.meetingCancelled();
    Participant recipient = cancelled.meeting().participants().getFirst();
    VEvent vevent =
        vevent(
            MailFixtures.mailer(InvitationCalendarTests.PROPERTIES, meetingId -> known)
                .compose(new Notice(NoticeKind.CANCELLATION, cancelled, recipient)));

    assertThat(vevent.<Attendee>getProperties(Property.ATTENDEE))
        .allSatisfy(attendee -> assertThat(attendee.getParameter(Parameter.PARTSTAT)).isEmpty());
  }

  private VEvent requestSentFor(MeetingEvent update) throws Exception {
    Participant recipient = update.meeting().participants().getFirst();
    InvitationMailer mailer =
        MailFixtures.mailer(
            InvitationCalendarTests.PROPERTIES,
            meetingId -> meetingId.equals(update.meetingId()) ? known : Map.of());
    return vevent(
        mailer.compose(
            Notice.update(update, recipient, SampleEvents.meetingScheduled().meeting())));
  }

  private static VEvent vevent(MimeMessage composed) throws Exception {
    // As the recipient reads it: written out and parsed again, transfer encoding undone.
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    composed.writeTo(written);
    MimeMessage message =
        new MimeMessage(MailFixtures.SESSION, new ByteArrayInputStream(written.toByteArray()));
    Multipart mixed = (Multipart) message.getContent();
    try (InputStream in = mixed.getBodyPart(1).getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      Calendar calendar =
          InvitationCalendarTests.parse(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    }
  }

  private static Map<String, String> partStats(VEvent vevent) {
    return parameters(vevent, Parameter.PARTSTAT);
  }

  private static Map<String, String> rsvps(VEvent vevent) {
    return parameters(vevent, Parameter.RSVP);
  }

  private static Map<String, String> parameters(VEvent vevent, String name) {
    List<Attendee> attendees = vevent.getProperties(Property.ATTENDEE);
    return attendees.stream()
        .collect(
            Collectors.toMap(
                Property::getValue,
                attendee -> attendee.getParameter(name).orElseThrow().getValue()));
  }
}
