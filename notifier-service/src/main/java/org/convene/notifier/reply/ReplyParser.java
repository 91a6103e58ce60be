package org.convene.notifier.reply;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.convene.events.ReplyReceived;
import org.convene.notifier.reply.CalendarText.Event;
import org.convene.notifier.reply.CalendarText.Property;

/**
 * Reads an iMIP reply (RFC 6047) out of a message: the {@code text/calendar} part with {@code
 * METHOD:REPLY} (RFC 5546 §3.2.3) or {@code METHOD:COUNTER} (§3.2.7, a proposal of another time,
 * handed over with the times it proposes for the organiser to see), wherever it sits (a part of
 * {@code multipart/mixed} or {@code multipart/alternative}, or an {@code .ics} attachment), with or
 * without the {@code method} parameter of its Content-Type.
 *
 * <p>Only what needs the message is checked here; the scheduler matches the rest against the
 * meeting. The meeting is found by {@code UID} alone: Outlook and Exchange leave {@code ORGANIZER}
 * out of their replies. Quarantined, with the reason, are: a message with no calendar reply at all
 * (a subject-only "Accepted: ..." message written by hand or by a client that sends no iCalendar
 * says nothing Convene can trust about which meeting, revision or person it answers, so it is kept
 * for ops and not guessed at); a {@code COUNTER} whose times cannot be read; several events with
 * other UIDs; no or several {@code ATTENDEE}s (but the two of a delegation: the delegator's, who
 * answers, and the delegate's); an attendee that is not a mailbox; a {@code From} that is neither
 * the attendee nor its {@code SENT-BY} (nobody answers for somebody else); and anything that cannot
 * be read at all.
 */
final class ReplyParser {

  /** Deeper nesting than this is not a calendar's reply but an attempt to exhaust the reader. */
  static final int MAX_DEPTH = 8;

  /** More parts than this in one message, likewise. */
  static final int MAX_PARTS = 64;

  /** The longest comment passed on; the scheduler keeps less. */
  static final int MAX_COMMENT = 2000;

  private static final DateTimeFormatter UTC_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private ReplyParser() {}

  static ReplyReading read(MimeMessage message, String messageId, Instant receivedAt) {
    try {
      return readChecked(message, messageId, receivedAt);
    } catch (MessagingException | IOException | RuntimeException e) {
      return new ReplyReading.Quarantine(
          "unreadable message: " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static ReplyReading readChecked(MimeMessage message, String messageId, Instant receivedAt)
      throws MessagingException, IOException {
    List<Part> calendars = new ArrayList<>();
    Optional<String> tooDeep = collect(message, 0, calendars, new int[] {0});
    if (tooDeep.isPresent()) {
      return new ReplyReading.Quarantine(tooDeep.get());
    }
    if (calendars.isEmpty()) {
      return new ReplyReading.Quarantine("no calendar reply");
    }
    String lastReason = null;
    for (Part part : calendars) {
      CalendarText.Calendar calendar = CalendarText.parse(text(part));
      String method = calendar.method().or(() -> methodParameter(part)).orElse("");
      if (method.equals(ReplyReceived.COUNTER)) {
        return reply(calendar, message, messageId, receivedAt, true);
      }
      if (!method.equals(ReplyReceived.REPLY)) {
        lastReason =
            method.isEmpty()
                ? "calendar without METHOD"
                : "calendar method " + method + ", not REPLY";
        continue;
      }
      return reply(calendar, message, messageId, receivedAt, false);
    }
    return new ReplyReading.Quarantine("no calendar reply (" + lastReason + ")");
  }

  private static ReplyReading reply(
      CalendarText.Calendar calendar,
      MimeMessage message,
      String messageId,
      Instant receivedAt,
      boolean counter)
      throws MessagingException {
    List<Event> events = calendar.events();
    if (events.isEmpty()) {
      return new ReplyReading.Quarantine("REPLY without VEVENT");
    }
    List<String> uids =
        events.stream()
            .map(e -> e.first("UID").map(p -> p.value().trim()).orElse(""))
            .distinct()
            .toList();
    if (uids.size() > 1) {
      return new ReplyReading.Quarantine(
          "REPLY with several events of other UIDs: " + oneLine(String.join(", ", uids)));
    }
    String uid = uids.get(0);
    if (uid.isEmpty()) {
      return new ReplyReading.Quarantine("REPLY without UID");
    }
    // Overrides of one recurring meeting share its UID; the master (no RECURRENCE-ID) answers for
    // it.
    Event event =
        events.stream()
            .filter(e -> e.first("RECURRENCE-ID").isEmpty())
            .findFirst()
            .orElse(events.get(0));
    List<Property> attendees = event.all("ATTENDEE");
    Optional<Property> delegator = delegator(attendees);
    if (attendees.size() != 1 && delegator.isEmpty()) {
      return new ReplyReading.Quarantine("REPLY with " + attendees.size() + " ATTENDEEs, not one");
    }
    Property attendeeProperty = delegator.orElse(attendees.get(0));
    Optional<String> attendee = mailbox(attendeeProperty.value());
    if (attendee.isEmpty()) {
      return new ReplyReading.Quarantine(
          "ATTENDEE is not a mailto address: " + oneLine(attendeeProperty.value()));
    }
    Optional<String> from = sender(message);
    if (from.isEmpty()) {
      return new ReplyReading.Quarantine("no From address");
    }
    Optional<String> sentBy = attendeeProperty.parameter("SENT-BY").flatMap(ReplyParser::mailbox);
    if (!from.get().equals(attendee.get()) && !sentBy.map(from.get()::equals).orElse(false)) {
      return new ReplyReading.Quarantine(
          "From " + from.get() + " is not the ATTENDEE " + attendee.get() + " nor its SENT-BY");
    }
    String partStat =
        attendeeProperty
            .parameter("PARTSTAT")
            .map(s -> s.trim().toUpperCase(Locale.ROOT))
            .orElse("NEEDS-ACTION");
    String delegatedTo =
        attendeeProperty
            .parameter("DELEGATED-TO")
            .flatMap(v -> mailbox(v.split(",")[0]))
            .orElse(null);
    long sequence;
    try {
      sequence = event.first("SEQUENCE").map(p -> Long.parseLong(p.value().trim())).orElse(0L);
    } catch (NumberFormatException e) {
      return new ReplyReading.Quarantine("SEQUENCE is not a number");
    }
    if (sequence < 0) {
      return new ReplyReading.Quarantine("SEQUENCE is negative");
    }
    Instant dtStamp =
        event
            .first("DTSTAMP")
            .flatMap(ReplyParser::instant)
            .orElseGet(() -> sentDate(message, receivedAt));
    String comment =
        event
            .first("COMMENT")
            .map(p -> oneLine(CalendarText.text(p.value())))
            .filter(s -> !s.isBlank())
            .orElse(null);
    if (comment != null && comment.length() > MAX_COMMENT) {
      comment = comment.substring(0, MAX_COMMENT);
    }
    Instant proposedStart = null;
    Instant proposedEnd = null;
    if (counter) {
      Optional<Instant> start = event.first("DTSTART").flatMap(ReplyParser::proposedTime);
      Optional<Instant> end = event.first("DTEND").flatMap(ReplyParser::proposedTime);
      if (start.isEmpty() || end.isEmpty() || !end.get().isAfter(start.get())) {
        return new ReplyReading.Quarantine(
            "COUNTER without a DTSTART and a later DTEND in UTC or an IANA zone");
      }
      proposedStart = start.get();
      proposedEnd = end.get();
    }
    return new ReplyReading.Reply(
        new ReplyReceived(
            messageId,
            from.get(),
            attendee.get(),
            partStat,
            sequence,
            dtStamp,
            uid,
            comment,
            delegatedTo,
            receivedAt,
            counter ? ReplyReceived.COUNTER : ReplyReceived.REPLY,
            proposedStart,
            proposedEnd));
  }

  /**
   * The delegator of a delegation reply (RFC 5546, section 3.2.2.3): it names two ATTENDEEs, the
   * delegator ({@code PARTSTAT=DELEGATED}, {@code DELEGATED-TO} the delegate) and the delegate
   * ({@code DELEGATED-FROM} the delegator); the reply is the delegator's answer. Empty for any
   * other set of ATTENDEEs.
   */
  private static Optional<Property> delegator(List<Property> attendees) {
    if (attendees.size() != 2) {
      return Optional.empty();
    }
    for (int i = 0; i < 2; i++) {
      Property delegator = attendees.get(i);
      Property delegate = attendees.get(1 - i);
      Optional<String> delegatorMailbox = mailbox(delegator.value());
      Optional<String> delegateMailbox = mailbox(delegate.value());
      boolean delegated =
          delegator
              .parameter("PARTSTAT")
              .map(p -> p.trim().equalsIgnoreCase("DELEGATED"))
              .orElse(false);
      if (delegated
          && delegatorMailbox.isPresent()
          && delegateMailbox.isPresent()
          && delegator
              .parameter("DELEGATED-TO")
              .flatMap(v -> mailbox(v.split(",")[0]))
              .equals(delegateMailbox)
          && delegate
              .parameter("DELEGATED-FROM")
              .flatMap(v -> mailbox(v.split(",")[0]))
              .equals(delegatorMailbox)) {
        return Optional.of(delegator);
      }
    }
    return Optional.empty();
  }

  /**
   * A proposed DATE-TIME: in UTC, or local in a {@code TZID} that is an IANA zone. Floating times
   * and other zone names (Windows names, custom VTIMEZONEs) are not guessed at.
   */
  static Optional<Instant> proposedTime(Property property) {
    String value = property.value().trim();
    try {
      if (value.endsWith("Z") || value.endsWith("z")) {
        return Optional.of(
            LocalDateTime.parse(value.substring(0, value.length() - 1), UTC_STAMP)
                .toInstant(ZoneOffset.UTC));
      }
      Optional<String> tzid = property.parameter("TZID").map(t -> t.trim().replaceFirst("^/", ""));
      if (tzid.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          LocalDateTime.parse(value, UTC_STAMP).atZone(ZoneId.of(tzid.get())).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Collects the calendar parts; a reason when the message is too deep or has too many parts. */
  private static Optional<String> collect(Part part, int depth, List<Part> calendars, int[] parts)
      throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      return Optional.of("multipart nesting deeper than " + MAX_DEPTH);
    }
    if (++parts[0] > MAX_PARTS) {
      return Optional.of("more than " + MAX_PARTS + " parts");
    }
    if (part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (content instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          Optional<String> reason = collect(child, depth + 1, calendars, parts);
          if (reason.isPresent()) {
            return reason;
          }
        }
      }
      return Optional.empty();
    }
    if (isCalendar(part)) {
      calendars.add(part);
    }
    return Optional.empty();
  }

  private static boolean isCalendar(Part part) throws MessagingException {
    if (part.isMimeType("text/calendar") || part.isMimeType("application/ics")) {
      return true;
    }
    String fileName;
    try {
      fileName = part.getFileName();
    } catch (MessagingException e) {
      fileName = null;
    }
    return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".ics");
  }

  private static Optional<String> methodParameter(Part part) {
    try {
      String method = new ContentType(part.getContentType()).getParameter("method");
      return Optional.ofNullable(method).map(m -> m.trim().toUpperCase(Locale.ROOT));
    } catch (MessagingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The part's text in its declared charset; UTF-8 when none is declared or it is unknown. */
  private static String text(Part part) throws MessagingException, IOException {
    Charset charset = StandardCharsets.UTF_8;
    try {
      String declared = new ContentType(part.getContentType()).getParameter("charset");
      if (declared != null && Charset.isSupported(declared.trim())) {
        charset = Charset.forName(declared.trim());
      }
    } catch (MessagingException | RuntimeException e) {
      // An unparsable Content-Type: read as UTF-8, the iCalendar default.
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), charset);
    }
  }

  private static Optional<String> sender(MimeMessage message) throws MessagingException {
    Address[] from;
    try {
      from = message.getFrom();
    } catch (MessagingException e) {
      return Optional.empty();
    }
    if (from == null
        || from.length != 1
        || !(from[0] instanceof InternetAddress address)
        || address.getAddress() == null) {
      return Optional.empty();
    }
    return Optional.of(address.getAddress().trim().toLowerCase(Locale.ROOT));
  }

  /** The address of a {@code mailto:} URI, lower case; empty for anything else. */
  static Optional<String> mailbox(String uri) {
    String value = uri.trim();
    if (!value.regionMatches(true, 0, "mailto:", 0, 7)) {
      return Optional.empty();
    }
    String address = value.substring(7).trim().toLowerCase(Locale.ROOT);
    int at = address.indexOf('@');
    if (at < 1
        || at != address.lastIndexOf('@')
        || at == address.length() - 1
        || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
      return Optional.empty();
    }
    return Optional.of(address);
  }

  /** A DATE-TIME in UTC or floating (taken as UTC), or a DATE; empty when neither. */
  static Optional<Instant> instant(Property property) {
    String value = property.value().trim();
    try {
      if (value.length() == 8) {
        return Optional.of(LocalDate.parse(value, DATE).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      String local =
          value.endsWith("Z") || value.endsWith("z")
              ? value.substring(0, value.length() - 1)
              : value;
      return Optional.of(LocalDateTime.parse(local, UTC_STAMP).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Instant sentDate(MimeMessage message, Instant receivedAt) {
    try {
      return message.getSentDate() != null ? message.getSentDate().toInstant() : receivedAt;
    } catch (MessagingException e) {
      return receivedAt;
    }
  }

  /** CR, LF and other control characters become spaces: a comment or reason is one line. */
  static String oneLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
  }
}
