package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.SampleEvents;
import org.convene.events.links.AnswerLinkSettings;
import org.convene.events.links.AnswerLinkToken;
import org.junit.jupiter.api.Test;

class AnswerLinksTests {

  static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
  static final AnswerLinkProperties PROPERTIES =
      new AnswerLinkProperties(
          List.of(new AnswerLinkSettings.Key("k2", SECRET)),
          "k2",
          URI.create("https://convene.example.org/"));

  private final InvitationMailer mailer =
      new InvitationMailer(
          MailFixtures.SESSION,
          new InvitationCalendar(InvitationCalendarTests.PROPERTIES, InvitationCalendarTests.CLOCK),
          MailFixtures.RENDERER,
          MailFixtures.VIEWS,
          InvitationCalendarTests.PROPERTIES,
          InvitationCalendarTests.CLOCK,
          new AnswerLinks(PROPERTIES),
          meetingId -> java.util.Map.of());

  private final MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
  private final Participant hostile =
      new Participant(
          "<a href=\"x\">O'Neil & \"Sons\"</a> ${7*7}",
          "ONeil@Bast.example.org",
          ParticipantRole.VOTING,
          "en",
          null);
  private final Participant plain =
      new Participant(
          "Zhou Min", "zhou@bast.example.org", ParticipantRole.NON_VOTING, "zh-CN", null);
  private final MeetingScheduled scheduled =
      InvitationCalendarTests.scheduled(
          InvitationCalendarTests.with(
              meeting, List.of(meeting.participants().getFirst(), plain, hostile)));

  @Test
  void eachRecipientGetsTheirOwnLinksWhoseTokensVerifyForThatMeetingAndMailbox() throws Exception {
    List<Composition> batch =
        mailer.compose(
            List.of(
                new Notice(NoticeKind.INVITATION, scheduled, hostile),
                new Notice(NoticeKind.UPDATE, scheduled, plain)));

    assertLinks(batch.get(0), "oneil@bast.example.org");
    assertLinks(batch.get(1), "zhou@bast.example.org");
  }

  @Test
  void userTextNeverBreaksTheLinks() throws Exception {
    MimeMessage message =
        roundTrip(
            ((Composition.Composed)
                    mailer
                        .compose(List.of(new Notice(NoticeKind.INVITATION, scheduled, hostile)))
                        .get(0))
                .message());
    String html = read(alternative(message, 1));
    // The name is escaped; each button is one whole anchor with the link as its href.
    assertThat(html)
        .contains(
            "Dear &lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; &quot;Sons&quot;&lt;/a&gt; ${7*7},");
    Matcher anchors =
        Pattern.compile(
                "<a class=\"answer-(accept|tentative|decline)\" href=\"(https://convene\\.example\\.org/answer/[A-Za-z0-9_.-]+\\?answer=(ACCEPTED|TENTATIVE|DECLINED))\"")
            .matcher(html);
    int found = 0;
    while (anchors.find()) {
      found++;
    }
    assertThat(found).isEqualTo(3);
  }

  @Test
  void cancellationsAndMessagesWithoutKeysHaveNoLinks() throws Exception {
    MimeMessage cancelled =
        roundTrip(
            ((Composition.Composed)
                    mailer
                        .compose(
                            List.of(
                                new Notice(
                                    NoticeKind.CANCELLATION,
                                    SampleEvents.meetingCancelled(),
                                    hostile)))
                        .get(0))
                .message());
    assertThat(read(alternative(cancelled, 0))).doesNotContain("/answer/");
    MimeMessage withoutKeys =
        roundTrip(
            MailFixtures.mailer().compose(new Notice(NoticeKind.INVITATION, scheduled, hostile)));
    assertThat(read(alternative(withoutKeys, 0))).doesNotContain("/answer/");
    assertThat(read(alternative(withoutKeys, 1)))
        .doesNotContain("/answer/")
        .doesNotContain("class=\"answer\"");
  }

  private void assertLinks(Composition composition, String mailbox) throws Exception {
    MimeMessage message = roundTrip(((Composition.Composed) composition).message());
    String text = read(alternative(message, 0));
    String html = read(alternative(message, 1));
    Matcher links =
        Pattern.compile(
                "https://convene\\.example\\.org/answer/([A-Za-z0-9_.-]+)\\?answer=(ACCEPTED|TENTATIVE|DECLINED)")
            .matcher(text);
    List<String> answers = new java.util.ArrayList<>();
    String token = null;
    while (links.find()) {
      answers.add(links.group(2));
      token = links.group(1);
      assertThat(html).contains("href=\"" + links.group() + "\"");
    }
    assertThat(answers).containsExactly("ACCEPTED", "TENTATIVE", "DECLINED");
    assertThat(AnswerLinkToken.verifies(token, SECRET.getBytes(StandardCharsets.UTF_8))).isTrue();
    AnswerLinkToken.Claims claims = AnswerLinkToken.read(token).orElseThrow();
    assertThat(claims.keyId()).isEqualTo("k2");
    assertThat(claims.meetingId()).isEqualTo(scheduled.meetingId().toString());
    assertThat(claims.mailbox()).isEqualTo(mailbox);
    assertThat(claims.validUntil())
        .isEqualTo(meeting.end().atZone(java.time.ZoneId.of(meeting.timeZone())).toInstant());
    assertThat(claims.validUntil()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  static MimeMessage roundTrip(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
  }

  static BodyPart alternative(MimeMessage message, int index) throws Exception {
    Object content = message.getContent();
    Multipart top = (Multipart) content;
    BodyPart first = top.getBodyPart(0);
    Multipart alternatives =
        first.isMimeType("multipart/alternative") ? (Multipart) first.getContent() : top;
    return alternatives.getBodyPart(index);
  }

  static String read(BodyPart part) throws Exception {
    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
