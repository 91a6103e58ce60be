package org.convene.notifier.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;

/** Reads received messages as a mail client would: parts, calendar, iTIP properties. */
public final class Mails {

  private Mails() {}

  /** What a test usually checks of one message, in one line. */
  public record Summary(String recipient, String method, int sequence, String subject) {}

  public static Summary summary(MimeMessage message) {
    Calendar calendar = calendar(message);
    return new Summary(
        TestSmtp.recipient(message),
        calendar.getProperty(Property.METHOD).orElseThrow().getValue(),
        sequence(calendar),
        subject(message));
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text/calendar part of the multipart/alternative. */
  public static BodyPart calendarPart(MimeMessage message) {
    return alternative(message, "text/calendar");
  }

  public static String text(MimeMessage message) {
    return read(alternative(message, "text/plain"));
  }

  public static String html(MimeMessage message) {
    return read(alternative(message, "text/html"));
  }

  /** The {@code method} parameter of the text/calendar part's Content-Type. */
  public static String contentTypeMethod(MimeMessage message) {
    try {
      return new ContentType(calendarPart(message).getContentType()).getParameter("method");
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Calendar calendar(MimeMessage message) {
    try {
      return new CalendarBuilder().build(new StringReader(read(calendarPart(message))));
    } catch (IOException | ParserException e) {
      throw new IllegalStateException(e);
    }
  }

  public static VEvent vevent(MimeMessage message) {
    List<VEvent> events = calendar(message).getComponents(Component.VEVENT);
    if (events.size() != 1) {
      throw new AssertionError("expected one VEVENT, found " + events.size());
    }
    return events.getFirst();
  }

  public static int sequence(Calendar calendar) {
    VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    return Integer.parseInt(event.getProperty(Property.SEQUENCE).orElseThrow().getValue());
  }

  public static List<Attendee> attendees(MimeMessage message) {
    return vevent(message).getProperties(Property.ATTENDEE);
  }

  /** The ROLE of the ATTENDEE with this mailbox, or {@code null}. */
  public static String roleOf(MimeMessage message, String mailbox) {
    return attendees(message).stream()
        .filter(attendee -> attendee.getValue().equalsIgnoreCase("mailto:" + mailbox))
        .findFirst()
        .flatMap(attendee -> attendee.<Parameter>getParameter(Parameter.ROLE))
        .map(role -> role.getValue())
        .orElse(null);
  }

  /** The message exactly as the server stored it: headers and body, as bytes turned into text. */
  public static String raw(MimeMessage message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      message.writeTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BodyPart alternative(MimeMessage message, String type) {
    try {
      // A calendar message is multipart/mixed > multipart/alternative; a reminder only the
      // alternative.
      Multipart top = (Multipart) message.getContent();
      Multipart alternatives =
          message.isMimeType("multipart/alternative")
              ? top
              : (Multipart) top.getBodyPart(0).getContent();
      for (int i = 0; i < alternatives.getCount(); i++) {
        if (alternatives.getBodyPart(i).isMimeType(type)) {
          return alternatives.getBodyPart(i);
        }
      }
      throw new AssertionError("no " + type + " part in the multipart/alternative");
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(BodyPart part) {
    try {
      return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
