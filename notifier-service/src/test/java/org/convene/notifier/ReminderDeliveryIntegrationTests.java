package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.ParticipantRole;
import org.convene.notifier.reminder.ReminderProperties;
import org.convene.notifier.reminder.ReminderSink;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders end to end: the scheduler's events on the real broker, Quartz's clustered job store and
 * the delivery ledger in PostgreSQL, the e-mails at the SMTP server. Two tests wait for a reminder
 * to fall due on the real clock (a meeting a minute and a few seconds ahead, reminded a minute
 * before); the others hand reminders over as a firing trigger does, for meetings days ahead, so
 * that none waits. When triggers fire, once across instances and late or not, is tested in {@code
 * reminder.ReminderPlanningIntegrationTests}, and the rules of time against a fixed clock.
 */
class ReminderDeliveryIntegrationTests extends NotifierTestSupport {

  static final String ZONE = "Asia/Shanghai";

  /** How long a reminder due in a few seconds may take to arrive, on a busy machine too. */
  static final Duration REMINDING = Duration.ofSeconds(60);

  @Autowired ReminderSink sink;
  @Autowired ReminderProperties properties;

  @Test
  void everyParticipantButTheInformationCopyGetsOneReminderWithTheirRoleAndItems()
      throws Exception {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind"));
    Instant dueAt = remindOneMinuteBefore(story, Duration.ofSeconds(5));

    publish(story.scheduled());

    await().atMost(REMINDING).until(() -> reminders(story).size() == 4);
    Map<String, MimeMessage> byRecipient = byRecipient(reminders(story));
    assertThat(byRecipient).containsOnlyKeys("shen.jie", "tian.wen", "chen.weicheng", "li.na");
    for (MimeMessage reminder : byRecipient.values()) {
      // A plain message: nothing a calendar could take for a change of the meeting.
      assertThat(reminder.isMimeType("multipart/alternative")).isTrue();
      assertThat(Mails.raw(reminder))
          .doesNotContain("text/calendar")
          .doesNotContain("BEGIN:VCALENDAR");
      assertThat(reminder.getMessageID()).contains(".1.reminder-1.");
    }
    String title = "2022 theory-discussing meeting @ ";
    MimeMessage chen = byRecipient.get("chen.weicheng");
    assertThat(Mails.subject(chen)).startsWith("Reminder: " + title);
    assertThat(Mails.text(chen))
        .contains("the following meeting, organised by BAST General Office, starts in 1 minute.")
        .contains("You are a voting member of this meeting.")
        .contains("Department work plans (Tian Wen)")
        .doesNotContain("Please reply")
        .doesNotContain("you present");
    MimeMessage liNa = byRecipient.get("li.na");
    assertThat(Mails.subject(liNa)).startsWith("提醒：" + title);
    assertThat(Mails.text(liNa))
        .contains("BAST General Office 组织的以下会议1 分钟后开始。")
        .contains("您列席本次会议：可应邀发言，不参加表决，不计入法定人数。")
        .contains("由您报告的议题")
        .contains("议题 3“Suggestions from bureau-level leaders”");
    assertThat(Mails.html(liNa))
        .contains("由您报告的议题")
        .contains("Suggestions from bureau-level leaders");
    assertThat(Mails.text(byRecipient.get("shen.jie"))).contains("您主持本次会议。").contains("参会人员");

    awaitReminderRows(
        story.meetingId(),
        "chen.weicheng r1 1min SENT",
        "li.na r1 1min SENT",
        "shen.jie r1 1min SENT",
        "tian.wen r1 1min SENT");

    // The same reminder handed over again (its trigger run again after its instance died), due or
    // reported missed: nothing more is owed, nothing sent twice.
    sink.due(story.meetingId(), 1, 1, dueAt);
    sink.missed(story.meetingId(), 1, 1, dueAt, dueAt.plus(Duration.ofHours(1)));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> reminders(story).size() == 4);
    assertThat(reminderRows(story.meetingId()))
        .containsExactlyInAnyOrder(
            "chen.weicheng r1 1min SENT",
            "li.na r1 1min SENT",
            "shen.jie r1 1min SENT",
            "tian.wen r1 1min SENT");
  }

  @Test
  void aRescheduledMeetingIsRemindedAtItsNewTimeAndTheOldReminderIsDropped() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind-moved"));
    Instant oldDueAt = remindAnHourBefore(story, Duration.ofDays(2));
    publish(story.scheduled());
    awaitRecorded(story.meetingId(), 1);

    LocalDateTime newStart = startIn(Duration.ofDays(3));
    Instant newDueAt = newStart.atZone(ZoneId.of(ZONE)).toInstant().minus(Duration.ofHours(1));
    publish(story.rescheduledTo(newStart));

    // The trigger moves with the meeting.
    await()
        .atMost(REMINDING)
        .until(() -> triggerFireTimes(story.meetingId()).equals(List.of(newDueAt)));
    awaitRecorded(story.meetingId(), 2);
    // Both triggers handed over, as they would fire: the moved one, planned by revision 2, and
    // the old one, had it survived the move, which changes nothing.
    sink.due(story.meetingId(), 2, 60, newDueAt);
    sink.due(story.meetingId(), 1, 60, oldDueAt);

    await().atMost(REMINDING).until(() -> reminders(story).size() == 4);
    String newTime = newStart.toLocalTime().toString().substring(0, 5);
    assertThat(reminders(story))
        .allSatisfy(reminder -> assertThat(Mails.text(reminder)).contains(newTime));
    awaitReminderRows(
        story.meetingId(),
        "chen.weicheng r2 60min SENT",
        "li.na r2 60min SENT",
        "shen.jie r2 60min SENT",
        "tian.wen r2 60min SENT");
  }

  @Test
  void aCancelledMeetingLosesItsRemindersAndALateTriggerRecordsNothing() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind-cancelled"));
    Instant dueAt = remindOneMinuteBefore(story, Duration.ofMinutes(10));
    publish(story.scheduled());
    await().atMost(REMINDING).until(() -> pendingTriggers(story.meetingId()) == 1);

    publish(story.cancelled("The chair is travelling."));

    await().atMost(REMINDING).until(() -> pendingTriggers(story.meetingId()) == 0);
    awaitRecorded(story.meetingId(), 2);
    sink.due(story.meetingId(), 1, 1, dueAt);
    assertThat(reminderRows(story.meetingId())).isEmpty();
    assertThat(reminders(story)).isEmpty();
  }

  @Test
  void aParticipantRemovedBeforeTheReminderGetsNoneAndOneAddedGetsIt() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind-removed"));
    Instant dueAt = remindAnHourBefore(story, Duration.ofDays(2));
    publish(
        story.scheduled(),
        story.removed("tian.wen"),
        story.added(story.person("Zhang Wei", "zhang.wei", ParticipantRole.NON_VOTING, "en")));
    awaitRecorded(story.meetingId(), 3);

    // Planned by the first revision; the participants changed since, the time did not.
    sink.due(story.meetingId(), 1, 60, dueAt);

    // Recorded at once, for the meeting as it stands: nobody else is owed one.
    assertThat(reminderRows(story.meetingId()))
        .extracting(row -> row.substring(0, row.lastIndexOf(' ')))
        .containsExactlyInAnyOrder(
            "chen.weicheng r1 60min", "li.na r1 60min", "shen.jie r1 60min", "zhang.wei r1 60min");
    await()
        .atMost(REMINDING)
        .until(
            () -> reminderRows(story.meetingId()).stream().allMatch(row -> row.endsWith(" SENT")));
    assertThat(byRecipient(reminders(story)))
        .containsOnlyKeys("shen.jie", "chen.weicheng", "li.na", "zhang.wei");
    assertThat(Mails.text(byRecipient(reminders(story)).get("zhang.wei")))
        .contains("You attend without a vote");
    assertThat(TestSmtp.inbox(story.mailbox("tian.wen")))
        .extracting(Mails::subject)
        .allSatisfy(subject -> assertThat(subject).doesNotStartWith("提醒"));
  }

  @Test
  void aNotifierRestartedBetweenPlanningAndFiringStillSendsEachReminderOnce() {
    String topic = "reminders-restart-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind-restart"));
    // A grace long enough for both starts on a busy machine: the reminder is due, or overdue
    // within the grace, when the second notifier's scheduler starts.
    String grace = "convene.notifier.reminders.grace=1m";
    try (NotifierInstance first =
        NotifierInstance.start(
            broker.getBrokersAsString(),
            topic,
            "reminders-restart",
            "notifier_reminders_restart",
            grace,
            // It plans, but its scheduler never runs: it stops before any reminder is fired.
            "spring.quartz.auto-startup=false")) {
      remindOneMinuteBefore(story, Duration.ofSeconds(2));
      publish(topic, story.scheduled());
      JdbcClient ledger = first.bean(JdbcClient.class);
      await().atMost(REMINDING).until(() -> pendingTriggers(ledger, story.meetingId()) == 1);
      await().atMost(REMINDING).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    }
    assertThat(reminders(story)).isEmpty();
    try (NotifierInstance second =
        NotifierInstance.start(
            broker.getBrokersAsString(),
            topic,
            "reminders-restart",
            "notifier_reminders_restart",
            grace)) {
      JdbcClient ledger = second.bean(JdbcClient.class);
      await().atMost(REMINDING).until(() -> reminders(story).size() == 4);
      await().atMost(REMINDING).until(() -> pendingTriggers(ledger, story.meetingId()) == 0);
      assertThat(reminderRows(ledger, story.meetingId()))
          .containsExactlyInAnyOrder(
              "chen.weicheng r1 1min SENT",
              "li.na r1 1min SENT",
              "shen.jie r1 1min SENT",
              "tian.wen r1 1min SENT");
      assertThat(reminders(story)).hasSize(4);
    }
  }

  @Test
  void aMissedReminderIsRecordedMissedAndNeverSent() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("remind-missed"));
    Instant dueAt = remindAnHourBefore(story, Duration.ofDays(2));
    publish(story.scheduled());
    awaitRecorded(story.meetingId(), 1);

    // As its trigger hands it over when it fires later than the grace (every notifier was down).
    sink.missed(story.meetingId(), 1, 60, dueAt, dueAt.plus(properties.grace()).plusSeconds(1));

    assertThat(reminderRows(story.meetingId()))
        .containsExactlyInAnyOrder(
            "chen.weicheng r1 60min MISSED",
            "li.na r1 60min MISSED",
            "shen.jie r1 60min MISSED",
            "tian.wen r1 60min MISSED");
    // Once nothing of the meeting is owed any more (the invitations are sent), nothing more can be.
    await().atMost(REMINDING).until(() -> owed(story.meetingId()) == 0);
    await().atMost(REMINDING).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    assertThat(reminders(story)).isEmpty();
  }

  /**
   * Moves the story's meeting to start a minute and {@code dueIn} from now, with one reminder a
   * minute before: due {@code dueIn} from now.
   *
   * @return when the reminder is due
   */
  private static Instant remindOneMinuteBefore(MeetingStory story, Duration dueIn) {
    LocalDateTime start = startIn(Duration.ofMinutes(1).plus(dueIn));
    story.with(startingAt(story.meeting(), start, List.of(1)));
    return start.atZone(ZoneId.of(ZONE)).toInstant().minus(Duration.ofMinutes(1));
  }

  /**
   * Moves the story's meeting to start {@code startsIn} from now, with one reminder an hour before:
   * far enough ahead that its trigger never fires during the tests.
   *
   * @return when the reminder is due
   */
  private static Instant remindAnHourBefore(MeetingStory story, Duration startsIn) {
    LocalDateTime start = startIn(startsIn);
    story.with(startingAt(story.meeting(), start, List.of(60)));
    return start.atZone(ZoneId.of(ZONE)).toInstant().minus(Duration.ofHours(1));
  }

  private static MeetingSnapshot startingAt(
      MeetingSnapshot meeting, LocalDateTime start, List<Integer> reminderMinutesBefore) {
    return new MeetingSnapshot(
        meeting.title(),
        meeting.description(),
        meeting.organiser(),
        start,
        start.plus(Duration.between(meeting.start(), meeting.end())),
        ZONE,
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        meeting.participants(),
        meeting.agenda(),
        meeting.status(),
        reminderMinutesBefore);
  }

  private static LocalDateTime startIn(Duration fromNow) {
    return LocalDateTime.ofInstant(Instant.now().plus(fromNow), ZoneId.of(ZONE)).withNano(0);
  }

  private static List<MimeMessage> reminders(MeetingStory story) {
    return TestSmtp.receivedFor(story.domain()).stream()
        .filter(
            message -> {
              String subject = Mails.subject(message);
              return subject.startsWith("Reminder:") || subject.startsWith("提醒：");
            })
        .toList();
  }

  private static Map<String, MimeMessage> byRecipient(List<MimeMessage> messages) {
    return messages.stream()
        .collect(
            Collectors.toMap(
                message -> TestSmtp.recipient(message).split("@")[0], message -> message));
  }

  private void awaitRecorded(MeetingId meetingId, long revision) {
    await()
        .atMost(REMINDING)
        .until(
            () ->
                jdbc.sql(
                            "select coalesce(max(revision), 0) from meeting_event where meeting_id = :id")
                        .param("id", meetingId.value())
                        .query(Long.class)
                        .single()
                    >= revision);
  }

  /**
   * Waits for the reminders' rows to be these: the ledger marks one sent once the server has taken
   * it, a moment after the message is there to be read.
   */
  private void awaitReminderRows(MeetingId meetingId, String... rows) {
    await()
        .atMost(DELIVERY)
        .untilAsserted(() -> assertThat(reminderRows(meetingId)).containsExactlyInAnyOrder(rows));
  }

  private List<String> reminderRows(MeetingId meetingId) {
    return reminderRows(jdbc, meetingId);
  }

  /** The meeting's reminder rows as "local-part rREVISION MINUTESmin STATUS". */
  private static List<String> reminderRows(JdbcClient ledger, MeetingId meetingId) {
    return ledger
        .sql(
            """
            select split_part(recipient, '@', 1) || ' r' || revision || ' ' || reminder_minutes || 'min ' || status
            from delivery where meeting_id = :id and kind = 'REMINDER' order by recipient
            """)
        .param("id", meetingId.value())
        .query(String.class)
        .list();
  }

  /** How many of the meeting's messages are still owed. */
  private long owed(MeetingId meetingId) {
    return jdbc.sql("select count(*) from delivery where meeting_id = :id and status = 'PENDING'")
        .param("id", meetingId.value())
        .query(Long.class)
        .single();
  }

  /** When the meeting's reminder triggers fire, soonest first. */
  private List<Instant> triggerFireTimes(MeetingId meetingId) {
    return jdbc
        .sql(
            """
            select next_fire_time from qrtz_triggers
            where trigger_group = 'reminders' and job_name = :job order by next_fire_time
            """)
        .param("job", meetingId.toString())
        .query(Long.class)
        .list()
        .stream()
        .map(Instant::ofEpochMilli)
        .toList();
  }

  private long pendingTriggers(MeetingId meetingId) {
    return pendingTriggers(jdbc, meetingId);
  }

  /** The meeting's reminder triggers in Quartz's tables. */
  private static long pendingTriggers(JdbcClient ledger, MeetingId meetingId) {
    return ledger
        .sql(
            "select count(*) from qrtz_triggers where trigger_group = 'reminders' and job_name = :job")
        .param("job", meetingId.toString())
        .query(Long.class)
        .single();
  }
}
