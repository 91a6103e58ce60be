package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Bursts of changes, on a notifier with a quiet period long enough to see them coalesce: one
 * message per recipient with the latest revision and every change, the newest kind winning.
 */
class CoalescingIntegrationTests extends NotifierTestSupport {

  static final Duration QUIET_PERIOD = Duration.ofSeconds(2);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private static final String topic = "coalescing-" + UUID.randomUUID();
  private static NotifierInstance notifier;
  private static JdbcClient ledger;

  @BeforeAll
  static void notifierWithAQuietPeriod(@Autowired EmbeddedKafkaBroker broker) {
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    notifier =
        NotifierInstance.start(
            broker.getBrokersAsString(),
            topic,
            "coalescing",
            "notifier_coalescing",
            "convene.notifier.delivery.quiet-period=" + QUIET_PERIOD.toMillis() + "ms",
            "convene.notifier.delivery.max-delay=20s");
    ledger = notifier.bean(JdbcClient.class);
  }

  @AfterAll
  static void stopNotifier() {
    notifier.close();
  }

  @Test
  void
      aBurstOfChangesBecomesOneUpdateWithTheLatestRevisionAndEveryChangeAndAnUpdateThenACancelOnlyTheCancel() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("burst"));
    publish(topic, story.scheduled());
    awaitInvitations(story);

    LocalDateTime start = story.meeting().start();
    LocalDateTime end = story.meeting().end();
    LocalDateTime nextDay = start.plusDays(1).withHour(14);
    LocalDateTime nextDayEnd = nextDay.plus(Duration.between(start, end));
    publish(
        topic,
        story.suggestionsMovedUp(),
        story.rescheduledTo(nextDay),
        story.movedToRoom("Meeting room 3"));

    awaitMessages(story, 10, 4);
    MimeMessage liNa = TestSmtp.inbox(story.mailbox("li.na")).get(1);
    assertThat(Mails.summary(liNa).sequence()).isEqualTo(4);
    assertThat(Mails.subject(liNa)).startsWith("变更：");
    assertThat(Mails.text(liNa))
        .containsSubsequence(
            "与您相关的变更\n* 议题 2“Suggestions from bureau-level leaders”由 10:50 调整至 09:20\n",
            "变更内容\n- 时间：" + inChinese(start, end) + " → " + inChinese(nextDay, nextDayEnd) + "\n",
            "- 地点：Head office, meeting room 1 → Meeting room 3\n",
            "- 议题 3“Department work plans”由 09:20 调整至 10:00\n");
    MimeMessage chen = TestSmtp.inbox(story.mailbox("chen.weicheng")).get(1);
    // The item moved from 10:50 to 09:20 in Shanghai, on the meeting's first day.
    assertThat(Mails.text(chen))
        .contains(
            "- Place: Head office, meeting room 1 → Meeting room 3\n",
            "- Item 2 “Suggestions from bureau-level leaders” moved from "
                + inBerlin(start.withHour(10).withMinute(50))
                + " to "
                + inBerlin(start.withHour(9).withMinute(20))
                + "\n");
    awaitLedger(
        ledger,
        story.meetingId(),
        rows ->
            assertThat(rows)
                .filteredOn(row -> row.startsWith("tian.wen "))
                .containsExactly(
                    "tian.wen 1 INVITATION SENT",
                    "tian.wen 2 UPDATE SUPERSEDED",
                    "tian.wen 3 UPDATE SUPERSEDED",
                    "tian.wen 4 UPDATE SENT"));

    publish(topic, story.movedToRoom("Meeting room 4"), story.cancelled("Postponed indefinitely"));

    awaitMessages(story, 15, 6);
    assertThat(TestSmtp.receivedFor(story.domain()))
        .filteredOn(message -> Mails.summary(message).sequence() > 4)
        .hasSize(5)
        .allSatisfy(
            message -> {
              assertThat(Mails.summary(message).method()).isEqualTo("CANCEL");
              assertThat(Mails.summary(message).sequence()).isEqualTo(6);
            });
  }

  @Test
  void someoneRemovedAndInvitedAgainWithinTheQuietPeriodGetsTheInvitation() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("readded"));
    publish(topic, story.scheduled());
    awaitInvitations(story);

    publish(
        topic,
        story.removed("archive"),
        story.added(
            story.person(
                "Archive", "archive", org.convene.events.ParticipantRole.INFORMATION, "en")));

    awaitMessages(story, 10, 3);
    MimeMessage archive = TestSmtp.inbox(story.mailbox("archive")).get(1);
    assertThat(Mails.summary(archive).method()).isEqualTo("REQUEST");
    assertThat(Mails.summary(archive).sequence()).isEqualTo(3);
    assertThat(Mails.subject(archive)).startsWith("Invitation: ");
    assertThat(Mails.summary(TestSmtp.inbox(story.mailbox("chen.weicheng")).get(1)).sequence())
        .isEqualTo(3);
    awaitLedger(
        ledger,
        story.meetingId(),
        rows ->
            assertThat(rows)
                .filteredOn(row -> row.startsWith("archive "))
                .containsExactly(
                    "archive 1 INVITATION SENT",
                    "archive 2 CANCELLATION SUPERSEDED",
                    "archive 3 INVITATION SENT"));
  }

  /**
   * A meeting's time as a reader of Chinese in its own zone is shown it: "2026年12月27日星期日
   * 09:00–11:30 (Asia/Shanghai)".
   */
  private static String inChinese(LocalDateTime start, LocalDateTime end) {
    return DateTimeFormatter.ofPattern("uuuu年M月d日EEEE HH:mm", Locale.CHINESE).format(start)
        + "–"
        + TIME.format(end)
        + " (Asia/Shanghai)";
  }

  /** The time of day in Berlin of a time in the meeting's zone. */
  private static String inBerlin(LocalDateTime inMeetingZone) {
    return TIME.format(
        inMeetingZone.atZone(MeetingStory.ZONE).withZoneSameInstant(ZoneId.of("Europe/Berlin")));
  }

  private static void awaitInvitations(MeetingStory story) {
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
  }

  /**
   * Waits for {@code count} messages and for the ledger to have recorded {@code revision} and owe
   * nothing more of the meeting: then no other message can come, and exactly {@code count} came.
   */
  private static void awaitMessages(MeetingStory story, int count, long revision) {
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() >= count);
    await().atMost(DELIVERY).until(() -> recorded(story) >= revision && owed(story) == 0);
    assertThat(TestSmtp.receivedFor(story.domain())).hasSize(count);
  }

  private static long recorded(MeetingStory story) {
    return ledger
        .sql("select coalesce(max(revision), 0) from meeting_event where meeting_id = :id")
        .param("id", story.meetingId().value())
        .query(Long.class)
        .single();
  }

  private static long owed(MeetingStory story) {
    return ledger
        .sql("select count(*) from delivery where meeting_id = :id and status = 'PENDING'")
        .param("id", story.meetingId().value())
        .query(Long.class)
        .single();
  }
}
