package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * Hostile text in every field a user can fill, checked in the bytes the SMTP server received: no
 * header or calendar line is added, markup is escaped, template syntax is printed, names with
 * separators and Chinese come out whole.
 */
class BadInputIntegrationTests extends NotifierTestSupport {

  static final String INJECTION =
      "Budget\r\nBcc: everyone@evil.example.org\rX-Lone-Cr: yes\nX-Lone-Lf: yes";
  static final String MARKUP = "<script>alert('x')</script><b>bold</b>";
  static final String EXPRESSIONS =
      "${7*7} __${7*7}__ [[${7*7}]] [(${7*7})] #{subject} ${T(java.lang.Runtime).getRuntime().exec('id')}";
  static final String SEPARATORS = "Wang, \"Xiao\"; 王小明";

  @Test
  void hostileTextAddsNoHeaderOrCalendarLineIsEscapedInHtmlAndPrintedLiterally() throws Exception {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("hostile"));
    MeetingSnapshot meeting = story.meeting();
    story.with(
        new MeetingSnapshot(
            INJECTION + " " + MARKUP + " " + EXPRESSIONS,
            MARKUP + "\r\n" + EXPRESSIONS + "\rEND:VEVENT",
            new Person("Office\r\nX-Injected: yes, " + SEPARATORS, story.mailbox("office")),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            "Room 1;\r\nLOCATION:elsewhere",
            "javascript:alert(1)",
            List.of(),
            List.of(
                new Participant(
                    SEPARATORS, story.mailbox("wang"), ParticipantRole.CHAIR, "en", null),
                new Participant(
                    MARKUP + "\r\nBcc: x@evil.example.org",
                    story.mailbox("markup"),
                    ParticipantRole.VOTING,
                    "zh-CN",
                    null),
                new Participant(
                    EXPRESSIONS,
                    story.mailbox("expressions"),
                    ParticipantRole.INFORMATION,
                    "en",
                    null)),
            List.of(
                new AgendaItem(
                    INJECTION + MARKUP,
                    story.mailbox("wang"),
                    30,
                    EXPRESSIONS + "\r\nATTENDEE:mailto:evil@evil.example.org",
                    "item-1")),
            meeting.status()));

    publish(story.scheduled());

    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 3);
    for (MimeMessage message : TestSmtp.receivedFor(story.domain())) {
      String raw = Mails.raw(message);
      String headers = raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
      assertThat(headers.split("\r\n"))
          .noneMatch(
              line -> line.matches("(?i)(Bcc|X-Injected|X-Lone-Cr|X-Lone-Lf|LOCATION|ATTENDEE):.*"))
          .allMatch(line -> line.length() <= 998);
      assertThat(raw.replace("\r\n", ""))
          .as("no lone CR or LF anywhere")
          .doesNotContain("\r", "\n");
      assertThat(message.getRecipients(RecipientType.BCC)).isNull();
      assertThat(message.getAllRecipients()).hasSize(1);

      VEvent event = Mails.vevent(message);
      assertThat(event.getProperties(Property.SUMMARY)).hasSize(1);
      assertThat(event.getProperties(Property.LOCATION)).hasSize(1);
      assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
          .isEqualTo("Room 1; LOCATION:elsewhere");
      assertThat(event.getProperty(Property.URL)).isEmpty();
      List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
      assertThat(attendees)
          .hasSize(3)
          .extracting(Property::getValue)
          .doesNotContain("mailto:evil@evil.example.org", "mailto:x@evil.example.org");
      assertThat(
              attendees.getFirst().<Parameter>getParameter(Parameter.CN).orElseThrow().getValue())
          .isEqualTo("Wang, 'Xiao'; 王小明");
      assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
          .contains(EXPRESSIONS, "END:VEVENT")
          .doesNotContain("49");
      assertThat(Mails.calendar(message).getComponents()).hasSize(2);

      String html = Mails.html(message);
      assertThat(html)
          .doesNotContain("<script", "<b>bold", "javascript:", "49")
          .contains(
              "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;",
              "${7*7} __${7*7}__ [[${7*7}]] [(${7*7})] #{subject}");
      assertThat(Mails.text(message))
          .contains(MARKUP, "${7*7} __${7*7}__ [[${7*7}]] [(${7*7})] #{subject}")
          .doesNotContain("49");
      assertThat(Mails.subject(message))
          .contains(
              "Budget Bcc: everyone@evil.example.org X-Lone-Cr: yes X-Lone-Lf: yes", EXPRESSIONS);
      assertThat(((InternetAddress) message.getReplyTo()[0]).getPersonal())
          .isEqualTo("Office X-Injected: yes, " + SEPARATORS);
    }
    MimeMessage wang = TestSmtp.inbox(story.mailbox("wang")).getFirst();
    assertThat(((InternetAddress) wang.getRecipients(RecipientType.TO)[0]).getPersonal())
        .isEqualTo(SEPARATORS);
    assertThat(wang.getHeader("To")[0])
        .startsWith("=?UTF-8?")
        .endsWith("<" + story.mailbox("wang") + ">");
    assertThat(Mails.raw(wang)).doesNotContain("王小明");
  }
}
