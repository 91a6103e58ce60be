package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.events.SampleEvents;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.invitation.Composition.Composed;
import org.convene.notifier.invitation.Composition.Refused;
import org.junit.jupiter.api.Test;

class InvitationMailerTests {

  private final InvitationMailer mailer = MailFixtures.mailer();
  private final MeetingScheduled event = SampleEvents.meetingScheduled();
  private final Participant liNa = event.meeting().participants().get(3);

  @Test
  void messageIsMixedWithTextHtmlAndTheRequestAsAlternativesAndTheIcsAttached() throws Exception {
    MimeMessage message = roundTrip(mailer.compose(invitation(liNa)));

    assertThat(new ContentType(message.getContentType()).getBaseType())
        .isEqualTo("multipart/mixed");
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternatives = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(new ContentType(alternatives.getContentType()).getBaseType())
        .isEqualTo("multipart/alternative");
    assertThat(alternatives.getCount()).isEqualTo(3);
    ContentType text = new ContentType(alternatives.getBodyPart(0).getContentType());
    ContentType html = new ContentType(alternatives.getBodyPart(1).getContentType());
    ContentType request = new ContentType(alternatives.getBodyPart(2).getContentType());
    assertThat(text.getBaseType()).isEqualTo("text/plain");
    assertThat(text.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    assertThat(html.getBaseType()).isEqualTo("text/html");
    assertThat(html.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    assertThat(request.getBaseType()).isEqualTo("text/calendar");
    assertThat(request.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    assertThat(request.getParameter("method")).isEqualTo("REQUEST");
    assertThat((String) alternatives.getBodyPart(0).getContent()).contains("Li Na，您好：", "列席");
    assertThat((String) alternatives.getBodyPart(1).getContent())
        .contains("<html lang=\"zh-CN\">", "列席");

    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(new ContentType(attachment.getContentType()).getBaseType())
        .isEqualTo("application/ics");
    assertThat(attachment.getDisposition()).isEqualTo(BodyPart.ATTACHMENT);
    assertThat(attachment.getFileName()).isEqualTo("invite.ics");
    String inline = read(alternatives.getBodyPart(2));
    assertThat(read(attachment)).isEqualTo(inline);
    Calendar calendar = InvitationCalendarTests.parse(inline);
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    assertThat(
            InvitationCalendarTests.vevent(calendar)
                .getProperty(Property.DESCRIPTION)
                .orElseThrow()
                .getValue())
        .startsWith("Approach and priorities")
        .contains("议程");
  }

  @Test
  void aReminderIsTextAndHtmlAlternativesWithoutACalendarAndKeepsItsMessageIdAcrossRevisions()
      throws Exception {
    Notice reminder = Notice.reminder(event, liNa, new Notice.Reminder(1, 60));
    MimeMessage message = roundTrip(mailer.compose(reminder));

    assertThat(new ContentType(message.getContentType()).getBaseType())
        .isEqualTo("multipart/alternative");
    Multipart alternatives = (Multipart) message.getContent();
    assertThat(alternatives.getCount()).isEqualTo(2);
    assertThat(new ContentType(alternatives.getBodyPart(0).getContentType()).getBaseType())
        .isEqualTo("text/plain");
    assertThat(new ContentType(alternatives.getBodyPart(1).getContentType()).getBaseType())
        .isEqualTo("text/html");
    assertThat(message.getSubject()).startsWith("提醒：");
    assertThat(message.getHeader("Reply-To")).isNotNull();

    // Written from a later revision (the meeting moved to another room), it is still the same
    // message.
    MeetingScheduled later =
        new MeetingScheduled(
            event.eventId(),
            event.meetingId(),
            event.revision() + 3,
            event.occurredAt(),
            event.meeting());
    assertThat(
            mailer.compose(Notice.reminder(later, liNa, new Notice.Reminder(1, 60))).getMessageID())
        .isEqualTo(message.getMessageID())
        .contains(".1.reminder-60.")
        .isNotEqualTo(
            mailer
                .compose(Notice.reminder(event, liNa, new Notice.Reminder(1, 1440)))
                .getMessageID())
        .isNotEqualTo(
            mailer
                .compose(Notice.reminder(event, liNa, new Notice.Reminder(2, 60)))
                .getMessageID());
  }

  @Test
  void aCancellationCarriesMethodCancelInTheContentTypeAndTheCalendar() throws Exception {
    MimeMessage message =
        roundTrip(
            mailer.compose(
                new Notice(NoticeKind.CANCELLATION, SampleEvents.meetingCancelled(), liNa)));

    Multipart mixed = (Multipart) message.getContent();
    Multipart alternatives = (Multipart) mixed.getBodyPart(0).getContent();
    BodyPart cancel = alternatives.getBodyPart(2);
    assertThat(new ContentType(cancel.getContentType()).getParameter("method")).isEqualTo("CANCEL");
    Calendar calendar = InvitationCalendarTests.parse(read(cancel));
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
    assertThat(
            InvitationCalendarTests.vevent(calendar)
                .getProperty(Property.STATUS)
                .orElseThrow()
                .getValue())
        .isEqualTo("CANCELLED");
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("cancel.ics");
    assertThat(message.getSubject()).startsWith("取消：2022 theory-discussing meeting @ ");
    assertThat((String) alternatives.getBodyPart(0).getContent())
        .contains("取消了以下会议", "原因：The chair is travelling.");
  }

  @Test
  void headersNameTheOrganiserViaConveneAndTheRecipient() throws Exception {
    MimeMessage message = roundTrip(mailer.compose(invitation(liNa)));

    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("meetings@convene.local");
    assertThat(from.getPersonal()).isEqualTo("BAST General Office via Convene");
    assertThat(message.getRecipients(RecipientType.TO))
        .extracting(Address::toString)
        .containsExactly("Li Na <li.na@bast.example.org>");
    assertThat(message.getRecipients(RecipientType.CC)).isNull();
    assertThat(message.getReplyTo())
        .extracting(Address::toString)
        .containsExactly("BAST General Office <office@bast.example.org>");
    assertThat(message.getSubject())
        .isEqualTo(
            "邀请：2022 theory-discussing meeting @ 2026年12月27日星期日 09:00–11:30 (Asia/Shanghai)");
    assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(message.getSentDate())
        .isEqualTo(java.util.Date.from(InvitationCalendarTests.CLOCK.instant()));
    assertThat(message.getMessageID())
        .matches(
            "<0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01\\.1\\.invitation\\.[0-9a-f]{24}@convene\\.local>")
        .isEqualTo(mailer.compose(invitation(liNa)).getMessageID())
        .isNotEqualTo(
            mailer.compose(invitation(event.meeting().participants().get(1))).getMessageID())
        .isNotEqualTo(mailer.compose(new Notice(NoticeKind.UPDATE, event, liNa)).getMessageID());
  }

  @Test
  void theMessageIdSurvivesSaveChangesAsTheTransportCallsIt() throws Exception {
    MimeMessage message = mailer.compose(invitation(liNa));
    String id = message.getMessageID();

    message.saveChanges();

    assertThat(message.getMessageID()).isEqualTo(id);
  }

  @Test
  void nonAsciiNamesAreEncodedAndLineBreaksCannotAddHeaders() throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    Participant recipient =
        new Participant(
            "沈杰\r\nBcc: everyone@example.org",
            "shen.jie@bast.example.org",
            ParticipantRole.CHAIR,
            "zh-CN",
            null);
    MeetingScheduled hostile =
        InvitationCalendarTests.scheduled(
            new MeetingSnapshot(
                "Budget\r\nBcc: everyone@example.org",
                meeting.description(),
                new Person("北京市科协办公室\r\nX-Injected: yes", "office@bast.example.org"),
                meeting.start(),
                meeting.end(),
                meeting.timeZone(),
                meeting.location(),
                null,
                meeting.documents(),
                List.of(recipient),
                meeting.agenda(),
                meeting.status()));

    MimeMessage message =
        roundTrip(mailer.compose(new Notice(NoticeKind.INVITATION, hostile, recipient)));

    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getHeader("X-Injected")).isNull();
    assertThat(message.getRecipients(RecipientType.BCC)).isNull();
    assertThat(message.getAllRecipients())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("shen.jie@bast.example.org");
    assertThat(message.getHeader("From")[0])
        .contains("=?UTF-8?")
        .contains("<meetings@convene.local>");
    assertThat(((InternetAddress) message.getFrom()[0]).getPersonal())
        .isEqualTo("北京市科协办公室 X-Injected: yes via Convene");
    assertThat(message.getSubject()).startsWith("邀请：Budget Bcc: everyone@example.org @ ");
  }

  @Test
  void namesWithCommasSemicolonsQuotesAndChineseSurviveTheHeaders() throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    Participant recipient =
        new Participant(
            "Wang, \"Xiao\"; 王小明", "wang@bast.example.org", ParticipantRole.VOTING, "en", null);
    MeetingScheduled event =
        InvitationCalendarTests.scheduled(
            new MeetingSnapshot(
                meeting.title(),
                meeting.description(),
                new Person("Office; \"BAST\", 办公室", "office@bast.example.org"),
                meeting.start(),
                meeting.end(),
                meeting.timeZone(),
                meeting.location(),
                null,
                meeting.documents(),
                List.of(recipient),
                meeting.agenda(),
                meeting.status()));

    MimeMessage message =
        roundTrip(mailer.compose(new Notice(NoticeKind.INVITATION, event, recipient)));

    assertThat(message.getRecipients(RecipientType.TO)).hasSize(1);
    InternetAddress to = (InternetAddress) message.getRecipients(RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo("wang@bast.example.org");
    assertThat(to.getPersonal()).isEqualTo("Wang, \"Xiao\"; 王小明");
    assertThat(((InternetAddress) message.getReplyTo()[0]).getPersonal())
        .isEqualTo("Office; \"BAST\", 办公室");
    assertThat(message.getHeader("To")[0])
        .startsWith("=?UTF-8?")
        .endsWith("<wang@bast.example.org>");
  }

  @Test
  void anInvalidRecipientAddressIsRefusedForGoodAndTheOthersAreStillWritten() {
    Participant broken =
        new Participant("Broken", "not an address", ParticipantRole.VOTING, "en", null);
    Participant withName =
        new Participant("Named", "Evil <evil@example.org>", ParticipantRole.VOTING, "en", null);

    List<Composition> written =
        mailer.compose(List.of(invitation(broken), invitation(liNa), invitation(withName)));

    assertThat(written).hasSize(3);
    assertThat(written.get(0))
        .isInstanceOfSatisfying(
            Refused.class, refused -> assertThat(refused.reason()).contains("not an address"));
    assertThat(written.get(1)).isInstanceOf(Composed.class);
    assertThat(written.get(2))
        .isInstanceOfSatisfying(
            Refused.class,
            refused -> assertThat(refused.reason()).contains("Evil <evil@example.org>"));
    assertThatThrownBy(() -> mailer.compose(invitation(broken)))
        .isInstanceOf(UnsendableInvitationException.class);
  }

  @Test
  void recipientsWhoSeeTheSameTextsButForTheirNameGetTheTextsRenderedForThemAlone()
      throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    Participant plain =
        new Participant("Zhou Min", "zhou@bast.example.org", ParticipantRole.VOTING, "en", null);
    Participant hostile =
        new Participant(
            "<b>O'Neil & \"Sons\"</b> ${7*7}",
            "oneil@bast.example.org",
            ParticipantRole.VOTING,
            "en",
            null);
    MeetingScheduled scheduled =
        InvitationCalendarTests.scheduled(
            InvitationCalendarTests.with(
                meeting, List.of(meeting.participants().getFirst(), plain, hostile)));

    List<Composition> batch =
        mailer.compose(
            List.of(
                new Notice(NoticeKind.INVITATION, scheduled, plain),
                new Notice(NoticeKind.INVITATION, scheduled, hostile)));

    for (int i = 0; i < 2; i++) {
      Notice notice = batch.get(i).notice();
      RenderedInvitation alone = InvitationRendererTests.render(notice, Locale.ENGLISH);
      Multipart alternatives =
          (Multipart)
              ((Multipart) roundTrip(((Composition.Composed) batch.get(i)).message()).getContent())
                  .getBodyPart(0)
                  .getContent();
      assertThat(read(alternatives.getBodyPart(0))).isEqualTo(alone.text());
      assertThat(read(alternatives.getBodyPart(1))).isEqualTo(alone.html());
    }
    Multipart hostileParts =
        (Multipart)
            ((Multipart) roundTrip(((Composition.Composed) batch.get(1)).message()).getContent())
                .getBodyPart(0)
                .getContent();
    assertThat(read(hostileParts.getBodyPart(1)))
        .contains("<p>Dear &lt;b&gt;O&#39;Neil &amp; &quot;Sons&quot;&lt;/b&gt; ${7*7},</p>")
        .doesNotContain(StandIns.RECIPIENT_NAME);
    assertThat(read(hostileParts.getBodyPart(0)))
        .startsWith("Dear <b>O'Neil & \"Sons\"</b> ${7*7},\n");
  }

  @Test
  void recipientsOfEveryRoleInOneBatchGetExactlyTheTextsRenderedForThemAlone() throws Exception {
    List<Notice> notices = new ArrayList<>();
    for (Participant participant : event.meeting().participants()) {
      notices.add(invitation(participant));
      notices.add(Notice.reminder(event, participant, new Notice.Reminder(1, 60)));
    }

    List<Composition> batch = mailer.compose(notices);

    for (Composition composition : batch) {
      Notice notice = composition.notice();
      RenderedInvitation alone =
          InvitationRendererTests.render(notice, mailer.localeOf(notice.recipient()));
      MimeMessage message = roundTrip(((Composition.Composed) composition).message());
      Multipart top = (Multipart) message.getContent();
      Multipart alternatives =
          notice.kind() == NoticeKind.REMINDER ? top : (Multipart) top.getBodyPart(0).getContent();
      assertThat(read(alternatives.getBodyPart(0)))
          .as("text to %s (%s)", notice.recipient().name(), notice.kind())
          .isEqualTo(alone.text());
      assertThat(read(alternatives.getBodyPart(1)))
          .as("HTML to %s (%s)", notice.recipient().name(), notice.kind())
          .isEqualTo(alone.html());
    }
  }

  @Test
  void languageIsTheParticipantsWhenSupportedElseTheConfiguredDefault() {
    InvitationMailer chineseByDefault =
        MailFixtures.mailer(new NotifierProperties("t", "meetings@convene.local", "zh-CN"));

    assertThat(mailer.localeOf(language("zh-CN"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(mailer.localeOf(language("zh-Hans-CN"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(mailer.localeOf(language("en-GB"))).isEqualTo(Locale.ENGLISH);
    assertThat(mailer.localeOf(language("fr"))).isEqualTo(Locale.ENGLISH);
    assertThat(mailer.localeOf(language(null))).isEqualTo(Locale.ENGLISH);
    assertThat(chineseByDefault.localeOf(language(null))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(chineseByDefault.localeOf(language("de"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
  }

  private Notice invitation(Participant recipient) {
    return new Notice(NoticeKind.INVITATION, event, recipient);
  }

  private static Participant language(String tag) {
    return new Participant("X", "x@example.org", ParticipantRole.VOTING, tag, null);
  }

  /** Writes the message as it goes on the wire and reads it back, as a mail client would. */
  static MimeMessage roundTrip(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    message.writeTo(wire);
    return new MimeMessage(MailFixtures.SESSION, new ByteArrayInputStream(wire.toByteArray()));
  }

  static String read(BodyPart part) throws MessagingException, IOException {
    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
