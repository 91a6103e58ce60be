package org.convene.notifier.invitation;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;
import org.convene.events.Person;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.invitation.Composition.Broken;
import org.convene.notifier.invitation.Composition.Composed;
import org.convene.notifier.invitation.Composition.Refused;
import org.springframework.stereotype.Component;
import org.unbescape.html.HtmlEscape;

/**
 * Writes notices as e-mails in the recipient's language: a multipart/mixed whose
 * multipart/alternative carries text, HTML and the iTIP message (RFC 6047, {@code text/calendar;
 * method=REQUEST} or {@code CANCEL}), with the same calendar attached for clients that only offer
 * attachments.
 */
@Component
public class InvitationMailer {

  static final String REQUEST_ATTACHMENT = "invite.ics";
  static final String CANCEL_ATTACHMENT = "cancel.ics";
  static final String SENDER_SUFFIX = " via Convene";

  /**
   * Jakarta Mail looks its {@link StreamProvider} up with a ServiceLoader scan of the class path
   * every time a body part or multipart is created or written, which took over half the time of
   * writing a message (STACK.md). Named by a system property, the provider is instantiated
   * directly instead; the same class the ServiceLoader would find.
   */
  static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), STREAM_PROVIDER);
    }
  }

  /** Stands for the recipient's name in texts shared by several recipients. */
  private static final String STAND_IN = "convene-" + UUID.randomUUID().toString().replace("-", "") + "-";

  static final String RECIPIENT_NAME = STAND_IN + "n";

  /** Stands for the recipient's role, and for what it means, in texts shared by several recipients. */
  static final String ROLE_LABEL = STAND_IN + "r";

  static final String ROLE_NOTE = STAND_IN + "m";

  /** Stand for the recipient's own answer links in texts shared by several recipients. */
  static final AnswerLinks.Links ANSWER_LINKS = new AnswerLinks.Links(STAND_IN + "a", STAND_IN + "t", STAND_IN + "d");

  /** The Date header as RFC 5322 writes it; Jakarta Mail's own formatter is several times slower. */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private static final MessageDigest SHA_256 = sha256();

  private static final String UTF_8 = StandardCharsets.UTF_8.name();
  private static final String BASE64 = "base64";
  private static final Base64.Encoder MIME_BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

  private final Session session;
  private final InvitationCalendar calendar;
  private final InvitationRenderer renderer;
  private final NoticeViews views;
  private final NotifierProperties properties;
  private final Clock clock;
  private final AnswerLinks answerLinks;
  private final String messageIdDomain;

  InvitationMailer(
      Session mailSession,
      InvitationCalendar calendar,
      InvitationRenderer renderer,
      NoticeViews views,
      NotifierProperties properties,
      Clock clock,
      AnswerLinks answerLinks) {
    this.session = mailSession;
    this.answerLinks = answerLinks;
    this.calendar = calendar;
    this.renderer = renderer;
    this.views = views;
    this.properties = properties;
    this.clock = clock;
    String mailbox = properties.mailbox();
    this.messageIdDomain = mailbox.substring(mailbox.lastIndexOf('@') + 1);
  }

  /**
   * Writes every notice, in order. Recipients who read the same language in the same time zone
   * share one rendered calendar description and one calendar per message kind, and recipients who
   * would see the same texts but for their name share one rendering: with a 50-person meeting that
   * is a handful of calendars and a score of renderings instead of 50 each.
   *
   * @return one composition per notice, in the same order: the message, or why it could not be written
   */
  public List<Composition> compose(List<Notice> notices) {
    Batch batch = new Batch();
    List<Composition> compositions = new ArrayList<>(notices.size());
    for (Notice notice : notices) {
      try {
        compositions.add(new Composed(notice, compose(notice, batch)));
      } catch (UnsendableInvitationException e) {
        compositions.add(new Refused(notice, e.getMessage()));
      } catch (RuntimeException e) {
        // One message that cannot be written must not keep the others of the batch from going out.
        compositions.add(new Broken(notice, e));
      }
    }
    return compositions;
  }

  /** Writes one notice; throws {@link UnsendableInvitationException} if it cannot be. */
  public MimeMessage compose(Notice notice) {
    return compose(notice, new Batch());
  }

  private MimeMessage compose(Notice notice, Batch batch) {
    Participant recipient = notice.recipient();
    Locale locale = localeOf(recipient);
    NoticeView view = views.of(notice, locale, batch.views);
    ZoneId zone = ZoneId.of(view.zone());
    MeetingEvent event = notice.event();
    // A reminder carries no calendar, hence no calendar description.
    String description =
        notice.kind().itip()
            ? batch.descriptions.computeIfAbsent(new DescriptionKey(event.eventId(), locale, zone), key -> renderer.description(view, locale))
            : "";
    // Most recipients of a meeting see the same texts but for their name and role: render each
    // distinct view once, with stand-ins for those, and put each recipient's in. The stand-ins are
    // letters, digits and dashes, which no escaping changes and no user text knows.
    NoticeView shape = view.withRecipient(RECIPIENT_NAME, ROLE_LABEL, ROLE_NOTE);
    // Invitations and updates carry the recipient's own answer links, when answers are configured.
    AnswerLinks.Links links =
        notice.kind().itip() && !notice.kind().cancels() ? answerLinks.of(event, recipient.email()).orElse(null) : null;
    RenderedInvitation shared = batch.bodies.computeIfAbsent(
        new BodyKey(shape, links != null), key -> renderer.render(shape, locale, description, links == null ? null : ANSWER_LINKS));
    RenderedInvitation texts = forRecipient(shared, view, links);
    String subject = batch.subjects.computeIfAbsent(texts.subject(), InvitationMailer::subjectHeader);
    Senders senders = batch.senders.computeIfAbsent(event.meeting().organiser(), this::senders);
    if (!notice.kind().itip()) {
      return message(notice, texts, null, subject, senders);
    }
    // A withdrawal names its one recipient; every other kind is the same calendar for all.
    String attendee = notice.kind() == NoticeKind.WITHDRAWAL ? Recipients.mailboxKey(recipient.email()) : "";
    String unfolded =
        batch.unfolded.computeIfAbsent(
            new CalendarKey(event.eventId(), notice.kind().method(), attendee, null, null),
            key -> calendar.unfoldedWithoutDescription(notice.kind(), event, recipient));
    byte[] ics =
        batch.calendars.computeIfAbsent(
            new CalendarKey(event.eventId(), notice.kind().method(), attendee, locale, zone),
            key -> base64(InvitationCalendar.withDescription(unfolded, description)));
    return message(notice, texts, ics, subject, senders);
  }

  /**
   * The Subject header's value, RFC 2047-encoded where not ASCII and folded, as {@code
   * MimeMessage.setSubject} writes it: done once for all recipients who share the subject.
   */
  private static String subjectHeader(String subject) {
    try {
      return MimeUtility.fold("Subject: ".length(), MimeUtility.encodeText(subject, UTF_8, null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("Every JDK has UTF-8", e);
    }
  }

  private static RenderedInvitation forRecipient(RenderedInvitation shared, NoticeView view, AnswerLinks.Links links) {
    String name = view.recipientName();
    String htmlName = HtmlEscape.escapeHtml4Xml(name);
    AnswerLinks.Links htmlLinks = links == null ? null
        : new AnswerLinks.Links(HtmlEscape.escapeHtml4Xml(links.accept()), HtmlEscape.escapeHtml4Xml(links.tentative()),
            HtmlEscape.escapeHtml4Xml(links.decline()));
    return new RenderedInvitation(
        shared.subject().replace(RECIPIENT_NAME, name),
        putIn(shared.text(), name, view.roleLabel(), view.roleNote(), links),
        // As th:text escapes in HTML mode.
        putIn(shared.html(), htmlName, HtmlEscape.escapeHtml4Xml(view.roleLabel()), HtmlEscape.escapeHtml4Xml(view.roleNote()), htmlLinks),
        shared.description());
  }

  /** The text with each stand-in replaced, in one pass: a message's HTML is its longest text. */
  private static String putIn(String text, String name, String roleLabel, String roleNote, AnswerLinks.Links links) {
    StringBuilder out = new StringBuilder(text.length() + 256);
    int from = 0;
    for (int at = text.indexOf(STAND_IN); at >= 0; at = text.indexOf(STAND_IN, from)) {
      out.append(text, from, at);
      char which = text.charAt(at + STAND_IN.length());
      out.append(switch (which) {
        case 'n' -> name;
        case 'r' -> roleLabel;
        case 'a' -> links.accept();
        case 't' -> links.tentative();
        case 'd' -> links.decline();
        default -> roleNote;
      });
      from = at + STAND_IN.length() + 1;
    }
    return out.append(text, from, text.length()).toString();
  }


  /**
   * The MIME message of a notice whose texts are rendered and whose calendar is written.
   *
   * @param ics the calendar, base64-encoded as it goes into the message; {@code null} for a kind
   *     without one
   */
  MimeMessage message(Notice notice, RenderedInvitation texts, byte[] ics) {
    return message(notice, texts, ics, subjectHeader(texts.subject()));
  }

  private MimeMessage message(Notice notice, RenderedInvitation texts, byte[] ics, String subjectHeader) {
    return message(notice, texts, ics, subjectHeader, senders(notice.event().meeting().organiser()));
  }

  private MimeMessage message(Notice notice, RenderedInvitation texts, byte[] ics, String subjectHeader, Senders senders) {
    Participant recipient = notice.recipient();
    InternetAddress to = address(recipient.email(), recipient.name());
    try {
      MimeMessage message = new NoticeMessage(session, messageId(notice), texts.subject());
      message.setHeader("From", senders.from());
      message.setRecipient(RecipientType.TO, to);
      message.setHeader("Reply-To", senders.replyTo());
      message.setHeader("Subject", subjectHeader);
      message.setHeader("Date", DATE.format(clock.instant().atZone(ZoneOffset.UTC)));
      message.setDataHandler(new MultipartDataHandler(body(texts, ics, notice.kind())));
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new UnsendableInvitationException("Cannot compose the message to " + to, e);
    }
  }

  /**
   * The From header (Convene's mailbox, in the organiser's name) and the Reply-To header (the
   * organiser), encoded and folded as {@code setFrom} and {@code setReplyTo} write them: once per
   * organiser and batch rather than once per message.
   */
  private Senders senders(Person organiser) {
    String name = organiser.name();
    InternetAddress from = address(properties.mailbox(), SafeText.singleLine(name) + SENDER_SUFFIX);
    InternetAddress replyTo = address(organiser.email(), name);
    return new Senders(MimeUtility.fold("From: ".length(), from.toString()), MimeUtility.fold("Reply-To: ".length(), replyTo.toString()));
  }

  private record Senders(String from, String replyTo) {}


  private static MimeMultipart body(RenderedInvitation texts, byte[] ics, NoticeKind kind) throws MessagingException {
    MimeBodyPart text = encoded(base64(texts.text()), "text/plain; charset=UTF-8");
    MimeBodyPart html = encoded(base64(texts.html()), "text/html; charset=UTF-8");
    if (ics == null) {
      return new MimeMultipart("alternative", text, html);
    }
    MimeBodyPart itip = encoded(ics, "text/calendar; charset=UTF-8; method=" + kind.method());
    MimeBodyPart alternatives = new MimeBodyPart();
    alternatives.setDataHandler(new MultipartDataHandler(new MimeMultipart("alternative", text, html, itip)));

    String name = kind.cancels() ? CANCEL_ATTACHMENT : REQUEST_ATTACHMENT;
    MimeBodyPart attachment = encoded(ics, "application/ics; name=\"" + name + "\"");
    attachment.setDisposition(Part.ATTACHMENT);
    attachment.setFileName(name);
    return new MimeMultipart("mixed", alternatives, attachment);
  }

  /**
   * Holds a multipart and writes it itself. Given to {@code setContent}, a multipart gets a plain
   * {@link DataHandler}, which looks its content handler up in the mailcap registry (a class loaded
   * by name each time) for every message: a twentieth of the dispatchers' time.
   */
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

  /**
   * A part whose bytes are base64 already, written as they are: the calendar goes out exactly as
   * folded, and Jakarta Mail need not scan each part to pick an encoding.
   */
  private static MimeBodyPart encoded(byte[] base64, String contentType) throws MessagingException {
    MimeBodyPart part = new PreencodedMimeBodyPart(BASE64);
    // A data source, not setContent(String, type): Jakarta Mail has no content handler for
    // text/calendar.
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(base64, contentType)));
    part.setHeader("Content-Type", contentType);
    part.setHeader("Content-Transfer-Encoding", BASE64);
    return part;
  }

  static byte[] base64(String text) {
    return MIME_BASE64.encode(text.getBytes(StandardCharsets.UTF_8));
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

  /**
   * The same for every attempt at one message, so that a resend after a crash carries the same
   * Message-ID and receiving systems can tell it is the same message; different per revision, kind
   * and recipient.
   */
  private String messageId(Notice notice) {
    String recipientHash = digest(Recipients.mailboxKey(notice.recipient().email()));
    // A reminder is written from the meeting as it stands when it is sent: its own key, not the revision, names it.
    String what =
        notice.reminder() != null
            ? notice.reminder().plannedRevision() + ".reminder-" + notice.reminder().minutesBefore()
            : notice.event().revision() + "." + notice.kind().name().toLowerCase(Locale.ROOT);
    return "<" + notice.event().meetingId() + "." + what + "." + recipientHash + "@" + messageIdDomain + ">";
  }

  private static String digest(String text) {
    byte[] hash = newSha256().digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 12);
  }

  /** A fresh digest, cloned: looking the algorithm up for every message costs more than hashing. */
  private static MessageDigest newSha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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

  /**
   * What one batch shares: descriptions and calendars, which depend on language and zone only, and
   * texts, which differ mostly by name.
   */
  private static final class Batch {
    final Map<DescriptionKey, String> descriptions = new HashMap<>();
    final Map<CalendarKey, String> unfolded = new HashMap<>();
    final Map<CalendarKey, byte[]> calendars = new HashMap<>();
    final Map<BodyKey, RenderedInvitation> bodies = new HashMap<>();
    final Map<String, String> subjects = new HashMap<>();
    final Map<Person, Senders> senders = new HashMap<>();
    final NoticeViews.SharedParts views = new NoticeViews.SharedParts();
  }

  /** A shared rendering: the recipient-independent view, and whether it has answer links. */
  private record BodyKey(NoticeView shape, boolean answerLinks) {}

  private record DescriptionKey(EventId event, Locale locale, ZoneId zone) {}

  private record CalendarKey(EventId event, String method, String attendee, Locale locale, ZoneId zone) {}

  /**
   * Keeps the Message-ID it is given, where {@code saveChanges()} would make up a new one, and
   * answers {@link #getSubject()} (which the SMTP transport asks for every message) without decoding
   * the header again.
   */
  private static final class NoticeMessage extends MimeMessage {

    private final String id;
    private final String subject;

    NoticeMessage(Session session, String id, String subject) {
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
