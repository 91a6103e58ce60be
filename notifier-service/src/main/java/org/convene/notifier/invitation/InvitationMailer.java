package org.convene.notifier.invitation;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.events.Answer;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.Participant;
import org.convene.events.Person;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.invitation.Composition.Broken;
import org.convene.notifier.invitation.Composition.Composed;
import org.convene.notifier.invitation.Composition.Refused;
import org.springframework.stereotype.Component;

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

  private static final MessageDigest SHA_256 = sha256();

  private final Session session;
  private final InvitationCalendar calendar;
  private final InvitationRenderer renderer;
  private final NoticeViews views;
  private final NotifierProperties properties;
  private final Clock clock;
  private final AnswerLinks answerLinks;
  private final KnownAnswers knownAnswers;
  private final String messageIdDomain;

  InvitationMailer(
      Session mailSession,
      InvitationCalendar calendar,
      InvitationRenderer renderer,
      NoticeViews views,
      NotifierProperties properties,
      Clock clock,
      AnswerLinks answerLinks,
      KnownAnswers knownAnswers) {
    this.session = mailSession;
    this.knownAnswers = knownAnswers;
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
   * @return one composition per notice, in the same order: the message, or why it could not be
   *     written
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
    if (notice.kind().aboutAnswers()) {
      return aboutAnswers(notice, locale, batch);
    }
    NoticeView view = views.of(notice, locale, batch.views);
    ZoneId zone = ZoneId.of(view.zone());
    MeetingEvent event = notice.event();
    // A reminder carries no calendar, hence no calendar description.
    String description =
        notice.kind().itip()
            ? batch.descriptions.computeIfAbsent(
                new DescriptionKey(event.eventId(), locale, zone),
                key -> renderer.description(view, locale))
            : "";
    // Most recipients of a meeting see the same texts but for their name and role: render each
    // distinct view once, with stand-ins for those, and put each recipient's in.
    NoticeView shape = StandIns.shape(view);
    // Invitations and updates carry the recipient's own answer links, when answers are configured.
    AnswerLinks.Links links =
        notice.kind().itip() && !notice.kind().cancels()
            ? answerLinks.of(event, recipient.email()).orElse(null)
            : null;
    RenderedInvitation shared =
        batch.bodies.computeIfAbsent(
            new BodyKey(shape, links != null),
            key ->
                renderer.render(
                    shape, locale, description, links == null ? null : StandIns.ANSWER_LINKS));
    RenderedInvitation texts = StandIns.putIn(shared, view, links);
    String subject = batch.subjects.computeIfAbsent(texts.subject(), MimeWriting::subjectHeader);
    Senders senders = batch.senders.computeIfAbsent(event.meeting().organiser(), this::senders);
    if (!notice.kind().itip()) {
      return message(notice, texts, null, subject, senders);
    }
    // A withdrawal names its one recipient; every other kind is the same calendar for all.
    String attendee =
        notice.kind() == NoticeKind.WITHDRAWAL ? Recipients.mailboxKey(recipient.email()) : "";
    String unfolded =
        batch.unfolded.computeIfAbsent(
            new CalendarKey(event.eventId(), notice.kind().method(), attendee, null, null),
            key ->
                calendar.unfoldedWithoutDescription(
                    notice.kind(), event, recipient, standingAnswers(notice, batch)));
    byte[] ics =
        batch.calendars.computeIfAbsent(
            new CalendarKey(event.eventId(), notice.kind().method(), attendee, locale, zone),
            key -> MimeWriting.base64(InvitationCalendar.withDescription(unfolded, description)));
    return message(notice, texts, ics, subject, senders);
  }

  /**
   * A confirmation, quorum alert or nudge: text and HTML only, no calendar, so that no calendar
   * client takes it for a change of the meeting or of anybody's answer. Those who may answer (the
   * one confirmed, the one nudged, a chair) get their own links.
   */
  private MimeMessage aboutAnswers(Notice notice, Locale locale, Batch batch) {
    Participant recipient = notice.recipient();
    AnswerLinks.Links links =
        notice.kind() != NoticeKind.QUORUM_ALERT || isParticipant(notice)
            ? answerLinks.of(notice.event(), recipient.email()).orElse(null)
            : null;
    RenderedInvitation texts = renderer.render(views.aboutAnswers(notice, locale), locale, links);
    String subject = batch.subjects.computeIfAbsent(texts.subject(), MimeWriting::subjectHeader);
    Senders senders =
        batch.senders.computeIfAbsent(notice.event().meeting().organiser(), this::senders);
    return message(notice, texts, null, subject, senders);
  }

  private static boolean isParticipant(Notice notice) {
    String key = Recipients.mailboxKey(notice.recipient().email());
    return notice.event().meeting().participants().stream()
        .anyMatch(p -> Recipients.mailboxKey(p.email()).equals(key));
  }

  /**
   * For a REQUEST, the answers that stand at the meeting's time, by mailbox key: read once per
   * meeting and batch, so that every recipient of a batch gets the same calendar.
   */
  private Map<String, Answer> standingAnswers(Notice notice, Batch batch) {
    if (notice.kind().cancels()) {
      return Map.of();
    }
    MeetingEvent event = notice.event();
    return KnownAnswers.standingAt(
        batch.answers.computeIfAbsent(event.meetingId(), knownAnswers::of), event.meeting().time());
  }

  /**
   * The MIME message of a notice whose texts are rendered and whose calendar is written.
   *
   * @param ics the calendar, base64-encoded as it goes into the message; {@code null} for a kind
   *     without one
   */
  MimeMessage message(Notice notice, RenderedInvitation texts, byte[] ics) {
    return message(notice, texts, ics, MimeWriting.subjectHeader(texts.subject()));
  }

  private MimeMessage message(
      Notice notice, RenderedInvitation texts, byte[] ics, String subjectHeader) {
    return message(
        notice, texts, ics, subjectHeader, senders(notice.event().meeting().organiser()));
  }

  private MimeMessage message(
      Notice notice, RenderedInvitation texts, byte[] ics, String subjectHeader, Senders senders) {
    Participant recipient = notice.recipient();
    InternetAddress to = address(recipient.email(), recipient.name());
    try {
      MimeMessage message = MimeWriting.message(session, messageId(notice), texts.subject());
      message.setHeader("From", senders.from());
      message.setRecipient(RecipientType.TO, to);
      message.setHeader("Reply-To", senders.replyTo());
      message.setHeader("Subject", subjectHeader);
      message.setHeader("Date", MimeWriting.date(clock.instant()));
      MimeWriting.setContent(message, body(texts, ics, notice.kind()));
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
    return new Senders(
        MimeWriting.addressHeader("From", from), MimeWriting.addressHeader("Reply-To", replyTo));
  }

  private record Senders(String from, String replyTo) {}

  /**
   * Text and HTML as alternatives; with a calendar, the iTIP message as a third alternative and the
   * same calendar attached, for clients that only offer attachments.
   */
  private static MimeMultipart body(RenderedInvitation texts, byte[] ics, NoticeKind kind)
      throws MessagingException {
    MimeBodyPart text =
        MimeWriting.encoded(MimeWriting.base64(texts.text()), "text/plain; charset=UTF-8");
    MimeBodyPart html =
        MimeWriting.encoded(MimeWriting.base64(texts.html()), "text/html; charset=UTF-8");
    if (ics == null) {
      return new MimeMultipart("alternative", text, html);
    }
    MimeBodyPart itip =
        MimeWriting.encoded(ics, "text/calendar; charset=UTF-8; method=" + kind.method());
    MimeBodyPart alternatives =
        MimeWriting.nested(new MimeMultipart("alternative", text, html, itip));
    String name = kind.cancels() ? CANCEL_ATTACHMENT : REQUEST_ATTACHMENT;
    MimeBodyPart attachment =
        MimeWriting.attachment(ics, "application/ics; name=\"" + name + "\"", name);
    return new MimeMultipart("mixed", alternatives, attachment);
  }

  /** The text as it goes into the message, base64-encoded. */
  static byte[] base64(String text) {
    return MimeWriting.base64(text);
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
    // A reminder is written from the meeting as it stands when it is sent: its own key, not the
    // revision, names it.
    String what =
        notice.reminder() != null
            ? notice.reminder().plannedRevision() + ".reminder-" + notice.reminder().minutesBefore()
            : notice.answers() != null
                ? notice.answers().key() + "." + notice.kind().name().toLowerCase(Locale.ROOT)
                : notice.event().revision() + "." + notice.kind().name().toLowerCase(Locale.ROOT);
    return "<"
        + notice.event().meetingId()
        + "."
        + what
        + "."
        + recipientHash
        + "@"
        + messageIdDomain
        + ">";
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
      return new InternetAddress(
          address.getAddress(), SafeText.singleLine(name), MimeWriting.UTF_8);
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
    final Map<MeetingId, Map<String, KnownAnswers.KnownAnswer>> answers = new HashMap<>();
    final NoticeViews.SharedParts views = new NoticeViews.SharedParts();
  }

  /** A shared rendering: the recipient-independent view, and whether it has answer links. */
  private record BodyKey(NoticeView shape, boolean answerLinks) {}

  private record DescriptionKey(EventId event, Locale locale, ZoneId zone) {}

  private record CalendarKey(
      EventId event, String method, String attendee, Locale locale, ZoneId zone) {}
}
