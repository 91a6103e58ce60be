package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convene.events.Answer;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumState;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;

class AnswerNoticeMailTests {

  static final Quorum AT_RISK =
      new Quorum(
          new QuorumRule(QuorumRule.Kind.MAJORITY, null, true), 9, 5, 2, 1, 4, QuorumState.AT_RISK);

  private final InvitationMailer mailer =
      new InvitationMailer(
          MailFixtures.SESSION,
          new InvitationCalendar(InvitationCalendarTests.PROPERTIES, InvitationCalendarTests.CLOCK),
          MailFixtures.RENDERER,
          MailFixtures.VIEWS,
          InvitationCalendarTests.PROPERTIES,
          InvitationCalendarTests.CLOCK,
          new AnswerLinks(AnswerLinksTests.PROPERTIES),
          meetingId -> Map.of());

  private final MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
  private final Participant hostile =
      new Participant(
          "O'Neil <b>& Sons</b>",
          "oneil@bast.example.org",
          ParticipantRole.VOTING,
          "en",
          "Europe/Berlin");
  private final Participant zhou =
      new Participant("Zhou Min", "zhou@bast.example.org", ParticipantRole.VOTING, "zh-CN", null);
  private final MeetingScheduled scheduled =
      InvitationCalendarTests.scheduled(
          InvitationCalendarTests.with(
              meeting, List.of(meeting.participants().getFirst(), zhou, hostile)));

  @Test
  void aConfirmationSaysWhatWasRecordedInTheReadersZoneWithTheirLinksAndNoCalendar()
      throws Exception {
    MimeMessage message =
        mailer.compose(
            confirmation(answered(hostile, Answer.DECLINED, "Away\r\nBcc: x <script>", 1)));

    String text = part(message, "text/plain");
    assertThat(message.getSubject()).startsWith("Answer recorded: ");
    assertThat(text)
        .contains("You declined “")
        .contains("(Europe/Berlin)")
        .contains("Your comment: Away Bcc: x <script>")
        .contains("Recorded from your calendar’s reply.")
        .contains("https://convene.example.org/answer/");
    assertThat(part(message, "text/html"))
        .contains("Away Bcc: x &lt;script&gt;")
        .doesNotContain("<script>")
        .contains("O&#39;Neil &lt;b&gt;&amp; Sons&lt;/b&gt;");
    assertThat(contentTypes(message)).noneMatch(type -> type.contains("calendar"));
    assertThat(contentTypes(message)).noneMatch(type -> type.contains("ics"));
  }

  @Test
  void aConfirmationOfAnAnswerToAnEarlierVersionSaysSoInChinese() throws Exception {
    AttendeeAnswered older = answered(zhou, Answer.ACCEPTED, null, 1);
    AttendeeAnswered toRevisionOne =
        new AttendeeAnswered(
            older.eventId(),
            older.meetingId(),
            2,
            older.occurredAt(),
            older.meeting(),
            older.attendee(),
            older.name(),
            older.role(),
            older.answer(),
            null,
            1,
            AnswerChannel.LINK,
            null,
            older.answeredAt(),
            null,
            List.of(),
            AT_RISK);

    String text = part(mailer.compose(confirmation(toRevisionOne)), "text/plain");

    assertThat(text).contains("您已接受会议“").contains("此答复来自您的答复链接。").contains("您答复的是本会议的较早版本");
  }

  @Test
  void twoConfirmationsOfOnePersonAtOneRevisionAreTwoMessages() throws Exception {
    MimeMessage first = mailer.compose(confirmation(answered(zhou, Answer.DECLINED, null, 1)));
    MimeMessage second = mailer.compose(confirmation(answered(zhou, Answer.ACCEPTED, null, 2)));

    assertThat(first.getMessageID()).isNotEqualTo(second.getMessageID());
  }

  @Test
  void aNudgeAndAnAlertAtALeadTimeGiveTheFiguresAndHowSoon() throws Exception {
    MimeMessage nudge =
        mailer.compose(
            Notice.aboutAnswers(
                NoticeKind.NUDGE,
                scheduled,
                hostile,
                new Notice.Answers("1.lead-2880", 2880, AT_RISK)));
    MimeMessage alert =
        mailer.compose(
            Notice.aboutAnswers(
                NoticeKind.QUORUM_ALERT,
                scheduled,
                zhou,
                new Notice.Answers("1.lead-1440", 1440, AT_RISK)));

    assertThat(nudge.getSubject()).startsWith("Please answer: ");
    assertThat(part(nudge, "text/plain"))
        .contains("starts in 2 days")
        .contains("Voting members: 9; needed: 5; accepted: 2; tentative: 1; not answered: 4")
        .contains("https://convene.example.org/answer/");
    assertThat(alert.getSubject()).startsWith("法定人数存在风险：");
    assertThat(part(alert, "text/plain")).contains("1 天后开始").contains("已接受：2");
  }

  @Test
  void aMeetingScheduledOutOfReachIsSaidToBeSoFromTheStartInEitherLanguage() throws Exception {
    Quorum outOfReach =
        new Quorum(
            new QuorumRule(QuorumRule.Kind.FIXED, 5, true), 3, 5, 0, 0, 3, QuorumState.UNREACHABLE);
    MimeMessage english =
        mailer.compose(
            Notice.aboutAnswers(
                NoticeKind.QUORUM_ALERT,
                scheduled,
                hostile,
                new Notice.Answers(scheduled.eventId().toString(), -1, outOfReach)));
    MimeMessage chinese =
        mailer.compose(
            Notice.aboutAnswers(
                NoticeKind.QUORUM_ALERT,
                scheduled,
                zhou,
                new Notice.Answers(scheduled.eventId().toString(), -1, outOfReach)));

    assertThat(english.getSubject()).startsWith("Quorum out of reach: ");
    assertThat(part(english, "text/plain"))
        .contains("cannot be reached with the people invited")
        .doesNotContain("no longer")
        .contains("Voting members: 3; needed: 5; accepted: 0; tentative: 0; not answered: 3");
    assertThat(part(chinese, "text/plain"))
        .contains("按目前邀请的人员")
        .contains("法定人数：5")
        .doesNotContain("??");
  }

  private AttendeeAnswered answered(Participant who, Answer answer, String comment, int second) {
    Instant at = Instant.parse("2026-11-30T08:00:00Z").plusSeconds(second);
    return new AttendeeAnswered(
        EventId.random(),
        scheduled.meetingId(),
        scheduled.revision(),
        at,
        scheduled.meeting(),
        who.email(),
        who.name(),
        who.role(),
        answer,
        null,
        scheduled.revision(),
        AnswerChannel.CALENDAR_REPLY,
        comment,
        at,
        null,
        List.of(),
        AT_RISK);
  }

  private static Notice confirmation(AttendeeAnswered answered) {
    Participant recipient =
        answered.meeting().participants().stream()
            .filter(p -> p.email().equals(answered.attendee()))
            .findFirst()
            .orElseThrow();
    return Notice.aboutAnswers(
        NoticeKind.CONFIRMATION,
        answered,
        recipient,
        new Notice.Answers(answered.eventId().toString(), -1, null));
  }

  private static String part(MimeMessage message, String type) throws Exception {
    for (BodyPart part : parts(message)) {
      if (part.getContentType().startsWith(type)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return new String(
            java.util.Base64.getMimeDecoder().decode(out.toByteArray()), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("No " + type + " part");
  }

  private static List<String> contentTypes(MimeMessage message) throws Exception {
    List<String> types = new ArrayList<>();
    types.add(message.getContentType());
    for (BodyPart part : parts(message)) {
      types.add(part.getContentType());
    }
    return types;
  }

  private static List<BodyPart> parts(MimeMessage message) throws Exception {
    List<BodyPart> parts = new ArrayList<>();
    Multipart multipart = (Multipart) message.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      parts.add(multipart.getBodyPart(i));
    }
    return parts;
  }
}
