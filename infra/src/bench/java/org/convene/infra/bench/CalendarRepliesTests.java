package org.convene.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Instant;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class CalendarRepliesTests {

  private static final Instant STAMP = Instant.parse("2026-12-01T06:10:00Z");

  @Test
  void aReplyCarriesOneAttendeeAndTheMeetingsUidAndSequenceButNoOrganiser() throws Exception {
    Calendar calendar =
        new CalendarBuilder()
            .build(
                new StringReader(
                    CalendarReplies.calendar(
                        "42@convene",
                        3,
                        "wei.wang.7@m1.bench.example.org",
                        "TENTATIVE",
                        "Plan",
                        STAMP)));

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REPLY");
    VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("42@convene");
    assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("3");
    assertThat(event.getProperty(Property.DTSTAMP).orElseThrow().getValue())
        .isEqualTo("20261201T061000Z");
    assertThat(event.getProperties(Property.ATTENDEE)).hasSize(1);
    Property attendee = event.getProperty(Property.ATTENDEE).orElseThrow();
    assertThat(attendee.getValue()).isEqualToIgnoringCase("mailto:wei.wang.7@m1.bench.example.org");
    assertThat(attendee.getParameter(Parameter.PARTSTAT).orElseThrow().getValue())
        .isEqualTo("TENTATIVE");
    assertThat(event.getProperty(Property.ORGANIZER)).isEmpty();
  }

  @Test
  void theMessageGoesFromTheAttendeeToTheOrganiserMailboxWithTheCalendarAsAnAlternative()
      throws Exception {
    MimeMessage message =
        CalendarReplies.message(
            Session.getInstance(new Properties()),
            "meetings@convene.local",
            "42@convene",
            1,
            "na.li.2@m1.bench.example.org",
            "DECLINED",
            "Plan",
            STAMP);

    assertThat(message.getFrom()[0].toString()).isEqualTo("na.li.2@m1.bench.example.org");
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("meetings@convene.local");
    assertThat(message.getSubject()).isEqualTo("Declined: Plan");
    Multipart parts = (Multipart) message.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(1).getContentType())
        .startsWith("text/calendar")
        .contains("method=REPLY");
  }

  @Test
  void refusesAnAnswerThisBenchDoesNotSend() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                CalendarReplies.calendar("42@convene", 1, "a@b.example", "DELEGATED", "x", STAMP));
  }
}
