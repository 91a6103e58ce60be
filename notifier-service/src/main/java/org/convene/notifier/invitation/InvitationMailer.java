package org.convene.notifier.invitation;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;
import org.convene.notifier.NotifierProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one participant the invitation to a meeting: an e-mail in their language whose
 * multipart/alternative carries text, HTML and the iTIP REQUEST (RFC 6047), with the same
 * calendar attached as {@value #ATTACHMENT_NAME} for clients that only offer attachments.
 */
@Component
public class InvitationMailer {

  static final String ATTACHMENT_NAME = "invite.ics";
  static final String CALENDAR_CONTENT_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
  static final String ATTACHMENT_CONTENT_TYPE = "application/ics; name=\"" + ATTACHMENT_NAME + "\"";
  static final String SENDER_SUFFIX = " via Convene";

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final JavaMailSender mailSender;
  private final InvitationCalendar calendar;
  private final InvitationRenderer renderer;
  private final NotifierProperties properties;
  private final Clock clock;

  InvitationMailer(
      JavaMailSender mailSender,
      InvitationCalendar calendar,
      InvitationRenderer renderer,
      NotifierProperties properties,
      Clock clock) {
    this.mailSender = mailSender;
    this.calendar = calendar;
    this.renderer = renderer;
    this.properties = properties;
    this.clock = clock;
  }

  /** Everyone the meeting's invitations go to, each distinct mailbox once. */
  public List<Participant> recipientsOf(MeetingEvent event) {
    return Recipients.of(event.meeting());
  }

  /**
   * Sends {@code recipient} the invitation to the meeting as it stands after {@code event}.
   *
   * @throws UnsendableInvitationException if retrying cannot help: the input is invalid or the
   *     mail server refused the recipient
   * @throws MailException if sending failed in a way that may pass, such as the server being down
   */
  public void send(MeetingEvent event, Participant recipient) {
    MimeMessage message = compose(event, recipient);
    try {
      mailSender.send(message);
    } catch (MailSendException e) {
      if (recipientRefused(e)) {
        throw new UnsendableInvitationException(
            "The mail server refused " + SafeText.singleLine(recipient.email()) + ": " + e.getMessage(), e);
      }
      throw e;
    } catch (MailParseException | MailPreparationException e) {
      throw new UnsendableInvitationException("Cannot write the invitation to " + SafeText.singleLine(recipient.email()), e);
    }
  }

  MimeMessage compose(MeetingEvent event, Participant recipient) {
    InternetAddress to = address(recipient.email(), recipient.name());
    Locale locale = localeOf(recipient);
    RenderedInvitation texts = renderer.render(InvitationView.of(event, recipient, locale), locale);
    byte[] ics = InvitationCalendar.write(calendar.request(event, texts.description())).getBytes(StandardCharsets.UTF_8);
    String organiser = event.meeting().organiser().name();
    try {
      MimeMessage message = mailSender.createMimeMessage();
      message.setFrom(address(properties.mailbox(), SafeText.singleLine(organiser) + SENDER_SUFFIX));
      message.setRecipient(RecipientType.TO, to);
      message.setReplyTo(new Address[] {address(event.meeting().organiser().email(), organiser)});
      message.setSubject(texts.subject(), UTF_8);
      message.setSentDate(Date.from(clock.instant()));
      message.setContent(body(texts, ics));
      // JavaMailSenderImpl keeps a Message-ID that is already set: a resend after a crash
      // carries the same one, so that receiving systems can tell it is the same message.
      message.setHeader("Message-ID", messageId(event, recipient));
      return message;
    } catch (MessagingException e) {
      throw new UnsendableInvitationException("Cannot compose the invitation to " + to, e);
    }
  }

  private static MimeMultipart body(RenderedInvitation texts, byte[] ics) throws MessagingException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(texts.text(), UTF_8);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(texts.html(), UTF_8, "html");
    // A data source, not setContent(String, type): Jakarta Mail has no content handler for
    // text/calendar, and the bytes must go out exactly as written, method parameter included.
    MimeBodyPart request = new MimeBodyPart();
    request.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, CALENDAR_CONTENT_TYPE)));
    MimeBodyPart alternatives = new MimeBodyPart();
    alternatives.setContent(new MimeMultipart("alternative", text, html, request));

    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, ATTACHMENT_CONTENT_TYPE)));
    attachment.setFileName(ATTACHMENT_NAME);
    attachment.setDisposition(Part.ATTACHMENT);
    return new MimeMultipart("mixed", alternatives, attachment);
  }

  /** The participant's language among those Convene writes, else the configured default. */
  Locale localeOf(Participant participant) {
    String language = participant.language();
    if (language == null || language.isBlank()) {
      return properties.defaultLocale();
    }
    return switch (Locale.forLanguageTag(language.strip()).getLanguage()) {
      case "en" -> Locale.ENGLISH;
      case "zh" -> Locale.SIMPLIFIED_CHINESE;
      default -> properties.defaultLocale();
    };
  }

  private String messageId(MeetingEvent event, Participant recipient) {
    String mailbox = properties.mailbox();
    String domain = mailbox.substring(mailbox.lastIndexOf('@') + 1);
    String recipientHash = digest(Recipients.mailboxKey(recipient.email()));
    return "<" + event.meetingId() + "." + event.revision() + ".invitation." + recipientHash + "@" + domain + ">";
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** A checked mailbox with a display name, RFC 2047-encoded where it is not ASCII. */
  private static InternetAddress address(String email, String name) {
    try {
      InternetAddress address = new InternetAddress(email.strip(), true);
      address.validate();
      if (!address.getAddress().equals(email.strip())) {
        // The field held more than an address, such as a display name: not what was agreed.
        throw new AddressException("not a bare address", email);
      }
      return new InternetAddress(address.getAddress(), SafeText.singleLine(name), UTF_8);
    } catch (AddressException e) {
      throw new UnsendableInvitationException(
          "Not a valid mailbox: '" + SafeText.singleLine(email) + "' (" + e.getMessage() + ")", e);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("Every JDK has UTF-8", e);
    }
  }

  private static boolean recipientRefused(MailSendException e) {
    return e.getFailedMessages().values().stream()
        .anyMatch(
            failure -> failure instanceof SendFailedException refused
                && refused.getInvalidAddresses() != null
                && refused.getInvalidAddresses().length > 0);
  }
}
