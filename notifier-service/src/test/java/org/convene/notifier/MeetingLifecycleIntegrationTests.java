package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.convene.events.MeetingScheduled;
import org.convene.events.ParticipantRole;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.Mails.Summary;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * A meeting's whole life, event by event, on the real broker, database and SMTP server: every
 * recipient gets exactly the messages their calendar needs, in order, once; redelivered and late
 * events change nothing.
 */
class MeetingLifecycleIntegrationTests extends NotifierTestSupport {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aMeetingsLifeYieldsExactlyTheExpectedMessagesPerRecipient() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("lifecycle"));

    publish(story.scheduled());
    awaitMessages(story, 5);
    publish(story.suggestionsMovedUp());
    awaitMessages(story, 10);
    LocalDateTime start = story.meeting().start();
    LocalDateTime end = story.meeting().end();
    LocalDateTime nextDay = start.plusDays(1).withHour(14);
    LocalDateTime nextDayEnd = nextDay.plus(Duration.between(start, end));
    publish(story.rescheduledTo(nextDay));
    awaitMessages(story, 15);
    publish(
        story.participantsChanged(
            List.of(story.person("Zhang Wei", "zhang.wei", ParticipantRole.NON_VOTING, "zh-CN")),
            List.of("archive"),
            List.of()));
    awaitMessages(story, 21);
    publish(story.cancelled("The chair is travelling."));
    awaitMessages(story, 26);

    Map<String, List<Summary>> byRecipient = byRecipient(story);
    String title = "2022 theory-discussing meeting @ ";
    assertThat(byRecipient.get("tian.wen"))
        .extracting(Summary::method, Summary::sequence, s -> prefix(s.subject()))
        .containsExactly(
            tuple("REQUEST", 1, "邀请：" + title),
            tuple("REQUEST", 2, "变更：" + title),
            tuple("REQUEST", 3, "变更：" + title),
            tuple("REQUEST", 4, "变更：" + title),
            tuple("CANCEL", 5, "取消：" + title));
    assertThat(byRecipient.get("chen.weicheng"))
        .extracting(Summary::method, Summary::sequence, s -> prefix(s.subject()))
        .containsExactly(
            tuple("REQUEST", 1, "Invitation: " + title),
            tuple("REQUEST", 2, "Updated: " + title),
            tuple("REQUEST", 3, "Updated: " + title),
            tuple("REQUEST", 4, "Updated: " + title),
            tuple("CANCEL", 5, "Cancelled: " + title));
    assertThat(byRecipient.get("shen.jie"))
        .extracting(Summary::method, Summary::sequence)
        .containsExactly(
            tuple("REQUEST", 1),
            tuple("REQUEST", 2),
            tuple("REQUEST", 3),
            tuple("REQUEST", 4),
            tuple("CANCEL", 5));
    assertThat(byRecipient.get("li.na"))
        .extracting(Summary::method, Summary::sequence)
        .containsExactly(
            tuple("REQUEST", 1),
            tuple("REQUEST", 2),
            tuple("REQUEST", 3),
            tuple("REQUEST", 4),
            tuple("CANCEL", 5));
    assertThat(byRecipient.get("archive"))
        .extracting(Summary::method, Summary::sequence, s -> prefix(s.subject()))
        .containsExactly(
            tuple("REQUEST", 1, "Invitation: " + title),
            tuple("REQUEST", 2, "Updated: " + title),
            tuple("REQUEST", 3, "Updated: " + title),
            tuple("CANCEL", 4, "Invitation withdrawn: " + title));
    assertThat(byRecipient.get("zhang.wei"))
        .extracting(Summary::method, Summary::sequence, s -> prefix(s.subject()))
        .containsExactly(tuple("REQUEST", 4, "邀请：" + title), tuple("CANCEL", 5, "取消：" + title));

    // Roles as ATTENDEEs in every REQUEST; the information copy is not asked to reply.
    for (MimeMessage message : TestSmtp.receivedFor(story.domain())) {
      Summary summary = Mails.summary(message);
      assertThat(Mails.contentTypeMethod(message)).isEqualTo(summary.method());
      assertThat(Mails.vevent(message).getUid().orElseThrow().getValue())
          .isEqualTo(story.meetingId() + "@convene");
      if (summary.method().equals("REQUEST")) {
        assertThat(Mails.roleOf(message, story.mailbox("shen.jie"))).isEqualTo("CHAIR");
        assertThat(Mails.roleOf(message, story.mailbox("tian.wen"))).isEqualTo("REQ-PARTICIPANT");
        assertThat(Mails.roleOf(message, story.mailbox("li.na"))).isEqualTo("OPT-PARTICIPANT");
      }
    }
    MimeMessage archiveInvitation =
        TestSmtp.inbox(story.mailbox("archive")).stream()
            .filter(m -> Mails.summary(m).sequence() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(Mails.roleOf(archiveInvitation, story.mailbox("archive")))
        .isEqualTo("NON-PARTICIPANT");
    assertThat(
            Mails.attendees(archiveInvitation).stream()
                .filter(a -> a.getValue().equals("mailto:" + story.mailbox("archive")))
                .findFirst()
                .orElseThrow()
                .getParameter("RSVP")
                .orElseThrow()
                .getValue())
        .isEqualTo("FALSE");

    // The withdrawal names only the person removed; the cancellation everyone, with
    // STATUS:CANCELLED.
    MimeMessage withdrawal = last(story.mailbox("archive"));
    assertThat(Mails.attendees(withdrawal))
        .extracting(a -> a.getValue())
        .containsExactly("mailto:" + story.mailbox("archive"));
    assertThat(Mails.vevent(withdrawal).getProperty("STATUS")).isEmpty();
    MimeMessage cancellation = last(story.mailbox("tian.wen"));
    assertThat(Mails.vevent(cancellation).getProperty("STATUS").orElseThrow().getValue())
        .isEqualTo("CANCELLED");
    assertThat(Mails.attendees(cancellation)).hasSize(5);
    assertThat(Mails.text(cancellation)).contains("原因：The chair is travelling.");

    // Updates say what changed, in the recipient's language and zone; the presenter sees it first.
    MimeMessage liNaAgenda = nth(story.mailbox("li.na"), 1);
    assertThat(Mails.text(liNaAgenda))
        .contains("与您相关的变更\n* 议题 2“Suggestions from bureau-level leaders”由 10:50 调整至 09:20");
    MimeMessage chenReschedule = nth(story.mailbox("chen.weicheng"), 2);
    assertThat(Mails.text(chenReschedule))
        .contains(
            "What changed\n- Time: "
                + inBerlin(start, end)
                + " → "
                + inBerlin(nextDay, nextDayEnd));
    assertThat(Mails.html(nth(story.mailbox("chen.weicheng"), 3)))
        .contains(
            "<li>Invited: Zhang Wei (Non-voting attendee)</li>",
            "<li>No longer invited: Archive</li>");

    awaitLedger(
        story.meetingId(),
        rows -> assertThat(rows).hasSize(26).allMatch(row -> row.endsWith(" SENT")));
  }

  @Test
  void theSameEventTwiceSendsNothingTwice() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("twice"));
    MeetingScheduled scheduled = story.scheduled();

    publish(scheduled, scheduled);
    awaitMessages(story, 5);
    publish(scheduled);
    MeetingStory marker = new MeetingStory(MeetingStory.uniqueDomain("twice-marker"));
    publish(marker.scheduled());
    awaitMessages(marker, 5);

    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(5);
    awaitLedger(
        story.meetingId(),
        rows -> assertThat(rows).hasSize(5).allMatch(row -> row.endsWith(" 1 INVITATION SENT")));
  }

  @Test
  void anEventArrivingAfterANewerOneSendsNoStaleMessage() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("late"));
    MeetingScheduled scheduled = story.scheduled();
    var moved = story.suggestionsMovedUp();

    publish(moved);
    awaitMessages(story, 5);
    publish(scheduled);
    MeetingStory marker = new MeetingStory(MeetingStory.uniqueDomain("late-marker"));
    publish(marker.scheduled());
    awaitMessages(marker, 5);
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ledger(story.meetingId()).stream()
                        .filter(row -> row.endsWith(" 1 INVITATION SUPERSEDED"))
                        .count()
                    == 5);

    // Nobody had an invitation yet: revision 2 went out as the invitation, and revision 1 never.
    assertThat(TestSmtp.receivedFor(story.domain()))
        .hasSize(5)
        .allSatisfy(
            message -> {
              assertThat(Mails.summary(message).sequence()).isEqualTo(2);
              assertThat(Mails.subject(message)).matches("(Invitation: |邀请：).*");
            });
    awaitLedger(
        story.meetingId(),
        rows ->
            assertThat(rows)
                .filteredOn(row -> row.contains(" 2 UPDATE "))
                .hasSize(5)
                .allMatch(row -> row.endsWith(" SENT")));
  }

  @Test
  void anUpdateAfterARevisionThatNeverArrivedStillDescribesEveryChange() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("gap"));
    publish(story.scheduled());
    awaitMessages(story, 5);
    story.suggestionsMovedUp(); // revision 2, never published (lost, say, or dead-lettered)
    publish(story.movedToRoom("Head office, meeting room 3"));
    awaitMessages(story, 10);

    MimeMessage chen = TestSmtp.inbox(story.mailbox("chen.weicheng")).getLast();
    assertThat(Mails.summary(chen).sequence()).isEqualTo(3);
    // The update is worded from the meeting as Chen last got it (revision 1) and as it stands
    // (revision 3), so the agenda move of the revision that never arrived is described too.
    assertThat(Mails.text(chen))
        .contains(
            "What changed\n",
            "- Place: Head office, meeting room 1 → Head office, meeting room 3\n",
            "moved from")
        .doesNotContain("cannot be described");
  }

  @Test
  void aCancellationOvertakenByNothingStillGoesOutWhenTheInvitationArrivesLate() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("cancelled-first"));
    MeetingScheduled scheduled = story.scheduled();
    var cancelled = story.cancelled("Called off");

    publish(cancelled);
    awaitMessages(story, 5);
    publish(scheduled);
    MeetingStory marker = new MeetingStory(MeetingStory.uniqueDomain("cancelled-marker"));
    publish(marker.scheduled());
    awaitMessages(marker, 5);
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ledger(story.meetingId()).stream()
                        .filter(row -> row.endsWith(" 1 INVITATION SUPERSEDED"))
                        .count()
                    == 5);

    assertThat(TestSmtp.receivedFor(story.domain()))
        .hasSize(5)
        .allSatisfy(message -> assertThat(Mails.summary(message).method()).isEqualTo("CANCEL"));
  }

  private static void awaitMessages(MeetingStory story, int count) {
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() >= count);
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(count);
  }

  /** Each recipient's messages (by local part) in the order received. */
  private static Map<String, List<Summary>> byRecipient(MeetingStory story) {
    return TestSmtp.receivedFor(story.domain()).stream()
        .map(Mails::summary)
        .collect(
            Collectors.groupingBy(
                s -> s.recipient().substring(0, s.recipient().indexOf('@')),
                TreeMap::new,
                Collectors.toList()));
  }

  private static MimeMessage last(String mailbox) {
    return TestSmtp.inbox(mailbox).getLast();
  }

  private static MimeMessage nth(String mailbox, int index) {
    return TestSmtp.inbox(mailbox).get(index);
  }

  /**
   * A meeting's time as an English reader in Berlin is shown it, say "Sunday, December 27, 2026
   * 02:00–04:30 (Europe/Berlin)" for 09:00–11:30 in Shanghai.
   */
  private static String inBerlin(LocalDateTime start, LocalDateTime end) {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm", Locale.ENGLISH);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
    return day.format(start.atZone(MeetingStory.ZONE).withZoneSameInstant(BERLIN))
        + "–"
        + time.format(end.atZone(MeetingStory.ZONE).withZoneSameInstant(BERLIN))
        + " (Europe/Berlin)";
  }

  private static String prefix(String subject) {
    return subject.substring(0, subject.indexOf(" @ ") + 3);
  }
}
