package org.convene.infra.bench;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Answers as a calendar sends them: an iTIP REPLY (RFC 5546) shaped like Outlook's and Exchange's,
 * text and calendar as alternatives, the calendar without ORGANIZER (Exchange leaves it out), from
 * the attendee to the organiser mailbox. The same shape as the reply in the answers end-to-end
 * test.
 */
final class CalendarReplies {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private CalendarReplies() {}

  /** The iCalendar text of {@code attendee}'s answer to the meeting of {@code uid}. */
  static String calendar(
      String uid, int sequence, String attendee, String partstat, String summary, Instant stamp) {
    String verb =
        switch (partstat) {
          case "ACCEPTED" -> "Accepted";
          case "TENTATIVE" -> "Tentative";
          case "DECLINED" -> "Declined";
          default -> throw new IllegalArgumentException("Not an answer of this bench: " + partstat);
        };
    return String.join(
        "\r\n",
        "BEGIN:VCALENDAR",
        "METHOD:REPLY",
        "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "ATTENDEE;PARTSTAT=" + partstat + ":mailto:" + attendee.toUpperCase(),
        "SUMMARY;LANGUAGE=en-US:" + verb + ": " + summary,
        "UID:" + uid,
        "SEQUENCE:" + sequence,
        "DTSTAMP:" + STAMP.format(stamp),
        "END:VEVENT",
        "END:VCALENDAR",
        "");
  }

  /** The e-mail that carries {@link #calendar}, ready for {@code Transport.sendMessage}. */
  static MimeMessage message(
      Session session,
      String organiserMailbox,
      String uid,
      int sequence,
      String attendee,
      String partstat,
      String summary,
      Instant stamp)
      throws MessagingException {
    MimeMessage reply = new MimeMessage(session);
    reply.setFrom(new InternetAddress(attendee, false));
    reply.setRecipient(RecipientType.TO, new InternetAddress(organiserMailbox, false));
    reply.setSubject(partstat.charAt(0) + partstat.substring(1).toLowerCase() + ": " + summary);
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Answered from the answers benchmark.", "UTF-8");
    MimeBodyPart calendar = new MimeBodyPart();
    calendar.setContent(
        calendar(uid, sequence, attendee, partstat, summary, stamp),
        "text/calendar; charset=utf-8; method=REPLY");
    reply.setContent(new MimeMultipart("alternative", text, calendar));
    reply.saveChanges();
    return reply;
  }
}
