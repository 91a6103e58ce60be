package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * What {@link MimeWriting} writes, parsed back, is what plain Jakarta Mail writes for the same
 * message: the same headers, the same parts with the same types, names and contents. Only the
 * transfer encodings may differ (always base64 here; 7bit, quoted-printable or base64 there), and
 * with them whether line breaks come back as CRLF, which a reader never sees.
 */
class MimeWritingTests {

  private static final String ICS =
      "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:2022 理论学习会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

  @Test
  void anInvitationParsesBackAsPlainJakartaMailWritesIt() throws Exception {
    Message sample =
        new Message(
            "Invitation: 2022 theory-discussing meeting, a subject long enough to be folded over two lines @ Sunday, December 27, 2026 09:00–11:30",
            new InternetAddress(
                "meetings@convene.local", "BAST General Office via Convene", "UTF-8"),
            new InternetAddress("li.na@bast.example.org", "Li Na", "UTF-8"),
            new InternetAddress("office@bast.example.org", "BAST General Office", "UTF-8"),
            Instant.parse("2026-12-01T08:05:09Z"),
            "Dear Li Na,\n\n" + "The agenda, line after line.\n".repeat(200),
            "<!DOCTYPE html>\n<html lang=\"en\"><body><p>Dear Li Na,</p>"
                + "<p>A paragraph &amp; more.</p>\n".repeat(200)
                + "</body></html>\n",
            ICS);

    assertSameWhenParsed(fast(sample), plain(sample));
  }

  @Test
  void chineseNamesAndSubjectsAndAOneDigitDayParseBackAsPlainJakartaMailWritesThem()
      throws Exception {
    Message sample =
        new Message(
            "邀请：2022 年度理论学习会，这是一个足够长、需要折行并以 RFC 2047 编码的主题 @ 2026年12月27日星期日 09:00–11:30 (Asia/Shanghai)",
            new InternetAddress("meetings@convene.local", "北京市科学技术协会办公室 via Convene", "UTF-8"),
            new InternetAddress("li.na@bast.example.org", "Wang, \"Xiao\"; 王小明", "UTF-8"),
            new InternetAddress("office@bast.example.org", "Office; \"BAST\", 办公室", "UTF-8"),
            Instant.parse("2026-01-02T23:59:59Z"),
            "李娜，您好：\n\n" + "议程。\n".repeat(300),
            "<html lang=\"zh-CN\"><body><p>李娜，您好：</p>"
                + "<p>议程</p>\n".repeat(300)
                + "</body></html>\n",
            ICS.repeat(20));

    assertSameWhenParsed(fast(sample), plain(sample));
  }

  @Test
  void aMessageWithoutCalendarParsesBackAsPlainJakartaMailWritesIt() throws Exception {
    Message sample =
        new Message(
            "Reminder: meeting",
            new InternetAddress("meetings@convene.local", "Office via Convene", "UTF-8"),
            new InternetAddress("a@example.org", "A", "UTF-8"),
            new InternetAddress("office@example.org", "Office", "UTF-8"),
            Instant.parse("2026-06-30T12:00:00Z"),
            "Text",
            "<p>HTML</p>",
            null);

    assertSameWhenParsed(fast(sample), plain(sample));
  }

  @Test
  void theMessageKeepsTheMessageIdItIsGivenAndAnswersItsSubject() throws Exception {
    MimeMessage message =
        MimeWriting.message(
            MailFixtures.SESSION, "<m.1.invitation.abc@convene.local>", "Invitation: 会议");
    message.setText("x", "UTF-8");
    message.saveChanges();

    MimeMessage parsed = roundTrip(message);

    assertThat(parsed.getMessageID()).isEqualTo("<m.1.invitation.abc@convene.local>");
    assertThat(message.getSubject()).isEqualTo("Invitation: 会议");
  }

  @Test
  void theStreamProviderNamedIsTheOneTheServiceLoaderWouldFind() throws Exception {
    Class.forName(MimeWriting.class.getName());

    assertThat(System.getProperty(StreamProvider.class.getName()))
        .isEqualTo(MimeWriting.STREAM_PROVIDER);
    assertThat(ServiceLoader.load(StreamProvider.class).findFirst())
        .get()
        .extracting(provider -> provider.getClass().getName())
        .isEqualTo(MimeWriting.STREAM_PROVIDER);
    assertThat(StreamProvider.provider().getClass().getName())
        .isEqualTo(MimeWriting.STREAM_PROVIDER);
  }

  @Test
  void theDateHeaderReadsAsTheInstantItWasWrittenFor() throws Exception {
    for (String instant :
        List.of("2026-01-02T03:04:05Z", "2026-12-31T23:59:59Z", "2027-02-28T00:00:00Z")) {
      MimeMessage message = new MimeMessage(MailFixtures.SESSION);
      message.setHeader("Date", MimeWriting.date(Instant.parse(instant)));

      assertThat(message.getSentDate()).as(instant).isEqualTo(Date.from(Instant.parse(instant)));
    }
  }

  /** One message's contents; {@code ics} is {@code null} for a message without a calendar. */
  record Message(
      String subject,
      InternetAddress from,
      InternetAddress to,
      InternetAddress replyTo,
      Instant date,
      String text,
      String html,
      String ics) {}

  /** The message as the mailer writes it, through {@link MimeWriting}. */
  static MimeMessage fast(Message sample) throws MessagingException {
    MimeMessage message =
        MimeWriting.message(MailFixtures.SESSION, "<fast@convene.local>", sample.subject());
    message.setHeader("From", MimeWriting.addressHeader("From", sample.from()));
    message.setRecipient(RecipientType.TO, sample.to());
    message.setHeader("Reply-To", MimeWriting.addressHeader("Reply-To", sample.replyTo()));
    message.setHeader("Subject", MimeWriting.subjectHeader(sample.subject()));
    message.setHeader("Date", MimeWriting.date(sample.date()));
    MimeBodyPart text =
        MimeWriting.encoded(MimeWriting.base64(sample.text()), "text/plain; charset=UTF-8");
    MimeBodyPart html =
        MimeWriting.encoded(MimeWriting.base64(sample.html()), "text/html; charset=UTF-8");
    if (sample.ics() == null) {
      MimeWriting.setContent(message, new MimeMultipart("alternative", text, html));
    } else {
      byte[] ics = MimeWriting.base64(sample.ics());
      MimeBodyPart itip = MimeWriting.encoded(ics, "text/calendar; charset=UTF-8; method=REQUEST");
      MimeBodyPart attachment =
          MimeWriting.attachment(ics, "application/ics; name=\"invite.ics\"", "invite.ics");
      MimeWriting.setContent(
          message,
          new MimeMultipart(
              "mixed",
              MimeWriting.nested(new MimeMultipart("alternative", text, html, itip)),
              attachment));
    }
    message.saveChanges();
    return message;
  }

  /** The same message written with Jakarta Mail's own setters only. */
  static MimeMessage plain(Message sample) throws MessagingException {
    MimeMessage message = new MimeMessage(MailFixtures.SESSION);
    message.setFrom(sample.from());
    message.setRecipient(RecipientType.TO, sample.to());
    message.setReplyTo(new InternetAddress[] {sample.replyTo()});
    message.setSubject(sample.subject(), "UTF-8");
    message.setSentDate(Date.from(sample.date()));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(sample.text(), "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(sample.html(), "UTF-8", "html");
    MimeMultipart alternatives = new MimeMultipart("alternative");
    alternatives.addBodyPart(text);
    alternatives.addBodyPart(html);
    if (sample.ics() == null) {
      message.setContent(alternatives);
    } else {
      byte[] ics = sample.ics().getBytes(StandardCharsets.UTF_8);
      MimeBodyPart itip = new MimeBodyPart();
      itip.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(ics, "text/calendar; charset=UTF-8; method=REQUEST")));
      alternatives.addBodyPart(itip);
      MimeBodyPart nested = new MimeBodyPart();
      nested.setContent(alternatives);
      MimeBodyPart attachment = new MimeBodyPart();
      attachment.setDataHandler(
          new DataHandler(new ByteArrayDataSource(ics, "application/ics; name=\"invite.ics\"")));
      attachment.setDisposition(Part.ATTACHMENT);
      attachment.setFileName("invite.ics");
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(nested);
      mixed.addBodyPart(attachment);
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  private static void assertSameWhenParsed(MimeMessage fast, MimeMessage plain) throws Exception {
    MimeMessage ours = roundTrip(fast);
    MimeMessage theirs = roundTrip(plain);
    assertThat(ours.getHeader("Subject")).containsExactly(theirs.getHeader("Subject"));
    assertThat(ours.getSubject()).isEqualTo(theirs.getSubject());
    assertThat(addresses(ours.getFrom())).isEqualTo(addresses(theirs.getFrom()));
    assertThat(addresses(ours.getReplyTo())).isEqualTo(addresses(theirs.getReplyTo()));
    assertThat(addresses(ours.getRecipients(RecipientType.TO)))
        .isEqualTo(addresses(theirs.getRecipients(RecipientType.TO)));
    assertThat(ours.getSentDate()).isEqualTo(theirs.getSentDate());
    assertThat(ours.getHeader("MIME-Version")).containsExactly(theirs.getHeader("MIME-Version"));
    assertThat(parts(ours)).isEqualTo(parts(theirs));
  }

  private static List<String> addresses(jakarta.mail.Address[] addresses) {
    List<String> found = new ArrayList<>();
    for (jakarta.mail.Address address : addresses) {
      InternetAddress internet = (InternetAddress) address;
      found.add(internet.getPersonal() + " <" + internet.getAddress() + ">");
    }
    return found;
  }

  /**
   * Every part, depth first: its type with parameters, disposition, file name and decoded bytes.
   */
  private static List<String> parts(Part part) throws MessagingException, IOException {
    List<String> found = new ArrayList<>();
    ContentType type = new ContentType(part.getContentType());
    String described =
        type.getBaseType().toLowerCase()
            + " "
            + parameters(type)
            + " "
            + part.getDisposition()
            + " "
            + part.getFileName();
    if (part.getContent() instanceof Multipart multipart) {
      found.add(described);
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        found.addAll(parts(child));
      }
    } else {
      // Where plain Jakarta Mail picks quoted-printable, line breaks come back as CRLF; base64
      // gives
      // the bytes back as they went in. A reader sees the same lines either way.
      found.add(
          described
              + " "
              + new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                  .replace("\r\n", "\n"));
    }
    return found;
  }

  private static String parameters(ContentType type) {
    List<String> parameters = new ArrayList<>();
    var names = type.getParameterList().getNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement().toLowerCase();
      if (!name.equals("boundary")) {
        String value = type.getParameter(name);
        parameters.add(name + "=" + (name.equals("charset") ? value.toUpperCase() : value));
      }
    }
    parameters.sort(null);
    return parameters.toString();
  }

  private static MimeMessage roundTrip(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    message.writeTo(wire);
    return new MimeMessage(MailFixtures.SESSION, new ByteArrayInputStream(wire.toByteArray()));
  }
}
