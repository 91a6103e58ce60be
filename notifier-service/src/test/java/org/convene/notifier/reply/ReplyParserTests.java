package org.convene.notifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.convene.events.ReplyReceived;
import org.junit.jupiter.api.Test;

class ReplyParserTests {

  static final String UID = "3f2b9c1e-7a4d-4e2b-9f1a-2c6d8e0b5a71";
  static final Instant NOW = Instant.parse("2026-12-01T14:00:00Z");

  static MimeMessage fixture(String name) throws Exception {
    try (InputStream in = ReplyParserTests.class.getResourceAsStream("/replies/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  static ReplyReading read(String name) throws Exception {
    MimeMessage message = fixture(name);
    return ReplyParser.read(message, message.getMessageID(), NOW);
  }

  static ReplyReceived reply(String name) throws Exception {
    ReplyReading reading = read(name);
    assertThat(reading).as(name).isInstanceOf(ReplyReading.Reply.class);
    return ((ReplyReading.Reply) reading).reply();
  }

  static String quarantined(String name) throws Exception {
    ReplyReading reading = read(name);
    assertThat(reading).as(name).isInstanceOf(ReplyReading.Quarantine.class);
    return ((ReplyReading.Quarantine) reading).reason();
  }

  @Test
  void gmailsAcceptInsideAlternativeInsideMixed() throws Exception {
    ReplyReceived reply = reply("gmail-accepted.eml");
    assertThat(reply)
        .isEqualTo(
            new ReplyReceived(
                "<CAF=gmail-accept-0001@mail.gmail.com>",
                "wang.fang@gmail.com",
                "wang.fang@gmail.com",
                "ACCEPTED",
                2,
                Instant.parse("2026-12-01T08:15:22Z"),
                UID,
                null,
                null,
                NOW));
  }

  @Test
  void outlooksDeclineWithoutOrganiserBase64AndComment() throws Exception {
    ReplyReceived reply = reply("outlook-declined.eml");
    assertThat(reply.attendee()).isEqualTo("li.lei@contoso.com");
    assertThat(reply.from()).isEqualTo("li.lei@contoso.com");
    assertThat(reply.partStat()).isEqualTo("DECLINED");
    assertThat(reply.sequence()).isEqualTo(1);
    assertThat(reply.dtStamp()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(reply.uid()).isEqualTo(UID);
    assertThat(reply.comment()).isEqualTo("Travelling that week, sorry. Please send the minutes.");
  }

  @Test
  void thunderbirdsTentativeWithFoldedAttendeeAndUnicodeComment() throws Exception {
    ReplyReceived reply = reply("thunderbird-tentative.eml");
    assertThat(reply.attendee()).isEqualTo("hans.mueller@example.de");
    assertThat(reply.partStat()).isEqualTo("TENTATIVE");
    assertThat(reply.sequence()).isEqualTo(2);
    assertThat(reply.comment()).isEqualTo("Maybe – depends on my flight");
  }

  @Test
  void appleMailsIcsAttachmentWithoutMethodParameter() throws Exception {
    ReplyReceived reply = reply("apple-accepted.eml");
    assertThat(reply.attendee()).isEqualTo("zhang.wei@icloud.com");
    assertThat(reply.partStat()).isEqualTo("ACCEPTED");
    assertThat(reply.messageId()).isEqualTo("<5E6F7A8B-APPLE-0001@icloud.com>");
    assertThat(reply.dtStamp()).isEqualTo(Instant.parse("2026-12-01T12:12:12Z"));
  }

  @Test
  void aMissingMethodParameterIsToleratedAndAddressesCompareCaseInsensitively() throws Exception {
    ReplyReceived reply = reply("no-method-param.eml");
    assertThat(reply.attendee()).isEqualTo("ada@example.org");
    assertThat(reply.sequence()).isEqualTo(3);
  }

  @Test
  void delegationCarriesTheDelegate() throws Exception {
    ReplyReceived reply = reply("delegated.eml");
    assertThat(reply.partStat()).isEqualTo("DELEGATED");
    assertThat(reply.delegatedTo()).isEqualTo("bob@example.org");
  }

  @Test
  void aSentByMayAnswerForTheAttendee() throws Exception {
    ReplyReceived reply = reply("sent-by.eml");
    assertThat(reply.attendee()).isEqualTo("boss@example.org");
    assertThat(reply.from()).isEqualTo("assistant@example.org");
  }

  @Test
  void nobodyAnswersForSomebodyElse() throws Exception {
    assertThat(quarantined("from-not-attendee.eml"))
        .contains("mallory@example.org")
        .contains("not the ATTENDEE");
  }

  @Test
  void exactlyOneAttendee() throws Exception {
    assertThat(quarantined("two-attendees.eml")).contains("2 ATTENDEEs");
  }

  @Test
  void aSubjectOnlyAcceptIsQuarantinedAsNoCalendarReply() throws Exception {
    assertThat(quarantined("subject-only-accepted.eml")).isEqualTo("no calendar reply");
  }

  @Test
  void aCounterProposalWithoutReadableTimesIsQuarantinedAsSuch() throws Exception {
    assertThat(quarantined("counter.eml")).startsWith("COUNTER");
  }

  @Test
  void aCounterProposalIsHandedOverWithTheTimesItProposesAndItsComment() throws Exception {
    ReplyReceived counter = reply("counter-proposal.eml");

    assertThat(counter.isCounter()).isTrue();
    assertThat(counter.method()).isEqualTo(ReplyReceived.COUNTER);
    assertThat(counter.attendee()).isEqualTo("ada@example.org");
    assertThat(counter.proposedStart()).isEqualTo(Instant.parse("2026-12-28T14:00:00Z"));
    assertThat(counter.proposedEnd()).isEqualTo(Instant.parse("2026-12-28T16:30:00Z"));
    assertThat(counter.comment()).isEqualTo("Could we meet in the afternoon?");
    assertThat(counter.sequence()).isEqualTo(3);
  }

  @Test
  void aReplyIsNoCounterProposal() throws Exception {
    ReplyReceived reply = reply("gmail-accepted.eml");

    assertThat(reply.isCounter()).isFalse();
    assertThat(reply.proposedStart()).isNull();
  }

  @Test
  void aDelegationNamingTheDelegateToo() throws Exception {
    ReplyReceived reply = reply("delegation-with-delegate.eml");

    assertThat(reply.attendee()).isEqualTo("ada@example.org");
    assertThat(reply.partStat()).isEqualTo("DELEGATED");
    assertThat(reply.delegatedTo()).isEqualTo("bob@example.org");
  }

  @Test
  void eventsOfOtherUidsAreQuarantined() throws Exception {
    assertThat(quarantined("other-uids.eml"))
        .contains("several events")
        .contains("someone-elses-meeting");
  }

  @Test
  void lineBreaksInTheCommentBecomeSpaces() throws Exception {
    ReplyReceived reply = reply("crlf-comment.eml");
    assertThat(reply.comment())
        .doesNotContain("\r")
        .doesNotContain("\n")
        .startsWith("first line Bcc: victim@example.org");
  }

  @Test
  void latin1AndGb2312AreDecodedInTheirCharset() throws Exception {
    assertThat(reply("latin1.eml").comment()).isEqualTo("Très bien, à bientôt");
    ReplyReceived chinese = reply("gb2312.eml");
    assertThat(chinese.comment()).isEqualTo("抱歉，无法参加");
    assertThat(chinese.partStat()).isEqualTo("DECLINED");
  }

  @Test
  void anUnknownCharsetIsReadAsUtf8() throws Exception {
    assertThat(reply("unknown-charset.eml").attendee()).isEqualTo("ada@example.org");
  }

  @Test
  void deepNestingIsRefusedWithoutRecursingFurther() throws Exception {
    assertThat(quarantined("deep-nesting.eml"))
        .contains("nesting deeper than " + ReplyParser.MAX_DEPTH);
  }

  @Test
  void garbageNeverThrows() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setContent(
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n;;;:\r\nATTENDEE\r\nSEQUENCE:x\r\n",
        "text/calendar; charset=UTF-8");
    message.saveChanges();
    assertThat(ReplyParser.read(message, "<g@x>", NOW)).isInstanceOf(ReplyReading.Quarantine.class);
  }

  @Test
  void contentLinesWithQuotedParameters() {
    CalendarText.Property property =
        CalendarText.property("ATTENDEE;CN=\"Zhang; Wei: Jr\";PARTSTAT=accepted:mailto:z@x.org");
    assertThat(property.name()).isEqualTo("ATTENDEE");
    assertThat(property.parameters())
        .containsEntry("CN", "Zhang; Wei: Jr")
        .containsEntry("PARTSTAT", "accepted");
    assertThat(property.value()).isEqualTo("mailto:z@x.org");
  }
}
