package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.events.SampleEvents;
import org.convene.notifier.NotifierProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class InvitationMailerTests {

  private static final Session SESSION = Session.getInstance(new Properties());

  private final InvitationMailer mailer = mailer(new JavaMailSenderImpl(), InvitationCalendarTests.PROPERTIES);
  private final MeetingScheduled event = SampleEvents.meetingScheduled();
  private final Participant liNa = event.meeting().participants().get(3);

  @Test
  void messageIsMixedWithTextHtmlAndTheRequestAsAlternativesAndTheIcsAttached() throws Exception {
    MimeMessage message = roundTrip(mailer.compose(event, liNa));

    assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternatives = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(new ContentType(alternatives.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
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
    assertThat((String) alternatives.getBodyPart(1).getContent()).contains("<html lang=\"zh-CN\">", "列席");

    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(new ContentType(attachment.getContentType()).getBaseType()).isEqualTo("application/ics");
    assertThat(attachment.getDisposition()).isEqualTo(BodyPart.ATTACHMENT);
    assertThat(attachment.getFileName()).isEqualTo("invite.ics");
    String inline = read(alternatives.getBodyPart(2));
    assertThat(read(attachment)).isEqualTo(inline);
    Calendar calendar = InvitationCalendarTests.parse(inline);
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    assertThat(InvitationCalendarTests.vevent(calendar).getProperty(Property.DESCRIPTION).orElseThrow().getValue()).startsWith("Approach and priorities").contains("议程");
  }

  @Test
  void headersNameTheOrganiserViaConveneAndTheRecipient() throws Exception {
    MimeMessage message = roundTrip(mailer.compose(event, liNa));

    InternetAddress from = (InternetAddress) message.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("meetings@convene.local");
    assertThat(from.getPersonal()).isEqualTo("BAST General Office via Convene");
    assertThat(message.getRecipients(RecipientType.TO)).extracting(Address::toString).containsExactly("Li Na <li.na@bast.example.org>");
    assertThat(message.getRecipients(RecipientType.CC)).isNull();
    assertThat(message.getReplyTo()).extracting(Address::toString).containsExactly("BAST General Office <office@bast.example.org>");
    assertThat(message.getSubject()).isEqualTo("邀请：2022 theory-discussing meeting @ 2026年12月27日星期日 09:00–11:30 (Asia/Shanghai)");
    assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(message.getSentDate()).isEqualTo(java.util.Date.from(InvitationCalendarTests.CLOCK.instant()));
    assertThat(message.getMessageID())
        .matches("<0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01\\.1\\.invitation\\.[0-9a-f]{24}@convene\\.local>")
        .isEqualTo(mailer.compose(event, liNa).getMessageID())
        .isNotEqualTo(mailer.compose(event, event.meeting().participants().get(1)).getMessageID());
  }

  @Test
  void nonAsciiNamesAreEncodedAndLineBreaksCannotAddHeaders() throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    Participant recipient = new Participant("沈杰\r\nBcc: everyone@example.org", "shen.jie@bast.example.org", ParticipantRole.CHAIR, "zh-CN", null);
    MeetingScheduled hostile = InvitationCalendarTests.scheduled(new MeetingSnapshot("Budget\r\nBcc: everyone@example.org", meeting.description(),
        new Person("北京市科协办公室\r\nX-Injected: yes", "office@bast.example.org"), meeting.start(), meeting.end(), meeting.timeZone(), meeting.location(),
        null, meeting.documents(), List.of(recipient), meeting.agenda(), meeting.status()));

    MimeMessage message = roundTrip(mailer.compose(hostile, recipient));

    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getHeader("X-Injected")).isNull();
    assertThat(message.getRecipients(RecipientType.BCC)).isNull();
    assertThat(message.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("shen.jie@bast.example.org");
    assertThat(message.getHeader("From")[0]).contains("=?UTF-8?").contains("<meetings@convene.local>");
    assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("北京市科协办公室 X-Injected: yes via Convene");
    assertThat(message.getSubject()).startsWith("邀请：Budget Bcc: everyone@example.org @ ");
  }

  @Test
  void anInvalidRecipientAddressIsRefusedForGood() {
    Participant broken = new Participant("Broken", "not an address", ParticipantRole.VOTING, "en", null);
    Participant withName = new Participant("Named", "Evil <evil@example.org>", ParticipantRole.VOTING, "en", null);

    assertThatThrownBy(() -> mailer.compose(event, broken)).isInstanceOf(UnsendableInvitationException.class).hasMessageContaining("not an address");
    assertThatThrownBy(() -> mailer.compose(event, withName)).isInstanceOf(UnsendableInvitationException.class).hasMessageContaining("Evil <evil@example.org>");
  }

  @Test
  void aRecipientTheServerRefusesIsUnsendableWhileAnOutageIsLeftToRetry() {
    JavaMailSender refusing = mock(JavaMailSender.class);
    when(refusing.createMimeMessage()).thenAnswer(invocation -> new MimeMessage(SESSION));
    MimeMessage any = new MimeMessage(SESSION);
    SendFailedException refusal = new SendFailedException("550 no such user", null, new Address[0], new Address[0], new Address[] {new InternetAddress()});
    doThrow(new MailSendException(Map.of(any, refusal))).when(refusing).send(any(MimeMessage.class));
    JavaMailSender down = mock(JavaMailSender.class);
    when(down.createMimeMessage()).thenAnswer(invocation -> new MimeMessage(SESSION));
    doThrow(new MailSendException("Mail server connection failed", new MessagingException("Connection refused"))).when(down).send(any(MimeMessage.class));

    assertThatThrownBy(() -> mailer(refusing, InvitationCalendarTests.PROPERTIES).send(event, liNa))
        .isInstanceOf(UnsendableInvitationException.class)
        .hasMessageContaining("li.na@bast.example.org");
    assertThatThrownBy(() -> mailer(down, InvitationCalendarTests.PROPERTIES).send(event, liNa))
        .isInstanceOf(MailSendException.class)
        .isNotInstanceOf(UnsendableInvitationException.class);
  }

  @Test
  void languageIsTheParticipantsWhenSupportedElseTheConfiguredDefault() {
    InvitationMailer chineseByDefault = mailer(new JavaMailSenderImpl(), new NotifierProperties("t", "meetings@convene.local", "zh-CN"));

    assertThat(mailer.localeOf(language("zh-CN"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(mailer.localeOf(language("zh-Hans-CN"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(mailer.localeOf(language("en-GB"))).isEqualTo(Locale.ENGLISH);
    assertThat(mailer.localeOf(language("fr"))).isEqualTo(Locale.ENGLISH);
    assertThat(mailer.localeOf(language(null))).isEqualTo(Locale.ENGLISH);
    assertThat(chineseByDefault.localeOf(language(null))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(chineseByDefault.localeOf(language("de"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
  }

  private static Participant language(String tag) {
    return new Participant("X", "x@example.org", ParticipantRole.VOTING, tag, null);
  }

  private static InvitationMailer mailer(JavaMailSender sender, NotifierProperties properties) {
    return new InvitationMailer(
        sender,
        new InvitationCalendar(properties, InvitationCalendarTests.CLOCK),
        new InvitationRenderer(InvitationConfiguration.newMailTemplateEngine()),
        properties,
        InvitationCalendarTests.CLOCK);
  }

  /** Writes the message as it goes on the wire and reads it back, as a mail client would. */
  static MimeMessage roundTrip(MimeMessage message) throws MessagingException, IOException {
    String id = message.getMessageID();
    message.saveChanges();
    message.setHeader("Message-ID", id);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    message.writeTo(wire);
    return new MimeMessage(SESSION, new ByteArrayInputStream(wire.toByteArray()));
  }

  static String read(BodyPart part) throws MessagingException, IOException {
    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
