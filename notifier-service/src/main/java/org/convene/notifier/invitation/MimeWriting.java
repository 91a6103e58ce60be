package org.convene.notifier.invitation;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes MIME messages faster than plain Jakarta Mail, with the same result: a message parsed back
 * has the headers and parts that Jakarta Mail's own setters would have given it. Every shortcut the
 * notifier takes with Jakarta Mail is here, so that {@link InvitationMailer} only says what a
 * message is made of. What each buys is in {@code docs/adr/0008-mime-speed-ups.md}; the tests of
 * this class compare its output with plain Jakarta Mail's.
 */
final class MimeWriting {

  /**
   * Jakarta Mail looks its {@link StreamProvider} up with a ServiceLoader scan of the class path
   * every time a body part or multipart is created or written, which took over half the time of
   * writing a message. Named by a system property, the provider is instantiated directly instead:
   * the same class the ServiceLoader finds. A property of the whole JVM, set only if nobody set it.
   */
  static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), STREAM_PROVIDER);
    }
  }

  static final String UTF_8 = StandardCharsets.UTF_8.name();
  private static final String BASE64 = "base64";
  private static final Base64.Encoder MIME_BASE64 =
      Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

  /**
   * The Date header as RFC 5322 writes it; Jakarta Mail's {@code MailDateFormat} is several times
   * slower.
   */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private MimeWriting() {}

  /**
   * A message that keeps the Message-ID it is given (where {@code saveChanges()} would make up a
   * new one) and answers {@code getSubject()}, which the SMTP transport asks for, without decoding
   * the header again.
   */
  static MimeMessage message(Session session, String messageId, String subject) {
    return new KnownMessage(session, messageId, subject);
  }

  /** The value of the Date header for {@code instant}, in UTC. */
  static String date(Instant instant) {
    return DATE.format(instant.atZone(ZoneOffset.UTC));
  }

  /**
   * The Subject header's value, RFC 2047-encoded where not ASCII and folded, as {@code
   * MimeMessage.setSubject(subject, "UTF-8")} writes it: worked out once for every recipient who
   * shares the subject.
   */
  static String subjectHeader(String subject) {
    try {
      return MimeUtility.fold("Subject: ".length(), MimeUtility.encodeText(subject, UTF_8, null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("Every JDK has UTF-8", e);
    }
  }

  /**
   * The value of an address header such as From or Reply-To, encoded and folded as {@code setFrom}
   * and {@code setReplyTo} write it: worked out once for every message with the same sender.
   */
  static String addressHeader(String name, InternetAddress address) {
    return MimeUtility.fold(name.length() + 2, address.toString());
  }

  /** The text as it goes into a base64 part: UTF-8, lines of 76 characters. */
  static byte[] base64(String text) {
    return MIME_BASE64.encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A part whose bytes are base64 already, written as they are: a calendar shared by many
   * recipients is encoded once, and Jakarta Mail need not scan each part to pick an encoding.
   */
  static MimeBodyPart encoded(byte[] base64, String contentType) throws MessagingException {
    MimeBodyPart part = new PreencodedMimeBodyPart(BASE64);
    // A data source, not setContent(String, type): Jakarta Mail has no content handler for
    // text/calendar.
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(base64, contentType)));
    part.setHeader("Content-Type", contentType);
    part.setHeader("Content-Transfer-Encoding", BASE64);
    return part;
  }

  /** An attachment of bytes base64 already, with its file name. */
  static MimeBodyPart attachment(byte[] base64, String contentType, String fileName)
      throws MessagingException {
    MimeBodyPart part = encoded(base64, contentType);
    part.setDisposition(Part.ATTACHMENT);
    part.setFileName(fileName);
    return part;
  }

  /** A body part holding a multipart, such as the alternatives inside a multipart/mixed. */
  static MimeBodyPart nested(MimeMultipart multipart) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    setContent(part, multipart);
    return part;
  }

  /**
   * Sets the multipart as the part's content, written by the multipart itself. Given to {@code
   * setContent}, a multipart gets a plain {@link DataHandler}, which looks its content handler up
   * in the mailcap registry (a class loaded by name each time) for every message: a twentieth of
   * the dispatchers' time.
   */
  static void setContent(Part part, MimeMultipart multipart) throws MessagingException {
    part.setDataHandler(new MultipartDataHandler(multipart));
  }

  private static final class MultipartDataHandler extends DataHandler {

    private final MimeMultipart multipart;

    MultipartDataHandler(MimeMultipart multipart) {
      super(multipart, multipart.getContentType());
      this.multipart = multipart;
    }

    @Override
    public Object getContent() {
      return multipart;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      try {
        multipart.writeTo(out);
      } catch (MessagingException e) {
        throw new IOException(e);
      }
    }
  }

  private static final class KnownMessage extends MimeMessage {

    private final String id;
    private final String subject;

    KnownMessage(Session session, String id, String subject) {
      super(session);
      this.id = id;
      this.subject = subject;
    }

    @Override
    public String getSubject() {
      return subject;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
