package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.convene.events.Answer;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumState;
import org.convene.notifier.invitation.KnownAnswers.KnownAnswer;
import org.convene.notifier.reminder.AttendeeAnswers;
import org.convene.notifier.reminder.ReminderSink;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reminders leave out whoever declined, as the scheduler's answer events say; invitations do not.
 * The reminder is handed over as its trigger does when it fires, for a meeting days ahead: when
 * triggers fire is tested in the reminder tests.
 */
class DeclinedRemindersIntegrationTests extends NotifierTestSupport {

  static final String ZONE = "Asia/Shanghai";
  static final Duration REMINDING = Duration.ofSeconds(60);

  @Autowired ReminderSink sink;
  @Autowired AttendeeAnswers attendeeAnswers;

  @Test
  void whoeverDeclinedLastGetsTheInvitationButNoReminder() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("declined"));
    Instant dueAt = remindAnHourBefore(story, Duration.ofDays(2));
    MeetingScheduled scheduled = story.scheduled();

    // Chen Weicheng declines, then Tian Wen declines and changes her mind.
    publish(
        scheduled,
        answer(scheduled, "chen.weicheng", Answer.DECLINED, 1),
        answer(scheduled, "tian.wen", Answer.DECLINED, 2),
        answer(scheduled, "tian.wen", Answer.ACCEPTED, 3));
    await()
        .atMost(REMINDING)
        .until(
            () ->
                answers(story).equals(List.of("chen.weicheng DECLINED", "tian.wen ACCEPTED"))
                    // Five invitations, and a confirmation of each of the three answers.
                    && TestSmtp.receivedFor(story.domain()).size() == 8);

    // As the reminder's trigger hands it over when it fires.
    sink.due(story.meetingId(), 1, 60, dueAt);

    // The reminder's rows are recorded together when it fires, before any is sent: they name
    // everyone it goes to.
    assertThat(
            jdbc.sql(
                    "select split_part(recipient, '@', 1) from delivery where meeting_id = :id and kind = 'REMINDER'")
                .param("id", story.meetingId().value())
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("shen.jie", "tian.wen", "li.na");
    await().atMost(REMINDING).until(() -> reminders(story).size() == 3);
    assertThat(reminders(story))
        .extracting(m -> TestSmtp.recipient(m).split("@")[0])
        .containsExactlyInAnyOrder("shen.jie", "tian.wen", "li.na");
    // The invitation and the confirmation of the decline, no reminder.
    assertThat(TestSmtp.inbox(story.mailbox("chen.weicheng")))
        .extracting(Mails::subject)
        .hasSize(2)
        .allSatisfy(
            subject -> assertThat(subject).doesNotStartWith("Reminder").doesNotStartWith("提醒"));
  }

  @Test
  void declinesAndDelegationsAreAbsentForRemindersAndEachAnswerKeepsTheTimeItWasGivenTo() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("absent"));
    MeetingScheduled scheduled = story.scheduled();

    publish(
        scheduled,
        answer(scheduled, "chen.weicheng", Answer.DECLINED, 1),
        answer(scheduled, "li.na", Answer.DELEGATED, 2),
        answer(scheduled, "tian.wen", Answer.ACCEPTED, 3));

    await()
        .atMost(DELIVERY)
        .untilAsserted(() -> assertThat(attendeeAnswers.of(story.meetingId())).hasSize(3));
    assertThat(attendeeAnswers.absent(story.meetingId()))
        .containsExactlyInAnyOrder(story.mailbox("chen.weicheng"), story.mailbox("li.na"));
    assertThat(attendeeAnswers.absent(List.of(story.meetingId(), MeetingId.random())))
        .containsOnlyKeys(story.meetingId());
    assertThat(attendeeAnswers.of(story.meetingId()))
        .containsEntry(
            story.mailbox("tian.wen"),
            new KnownAnswer(Answer.ACCEPTED, scheduled.meeting().time()));
  }

  /** The latest answers the notifier keeps of the meeting, as "local-part ANSWER", sorted. */
  private List<String> answers(MeetingStory story) {
    return jdbc.sql(
            """
            select split_part(recipient, '@', 1) || ' ' || answer from attendee_answer
            where meeting_id = :id order by recipient
            """)
        .param("id", story.meetingId().value())
        .query(String.class)
        .list();
  }

  private AttendeeAnswered answer(
      MeetingScheduled scheduled, String localPart, Answer answer, int seconds) {
    Instant at = Instant.now().plusSeconds(seconds);
    return new AttendeeAnswered(
        EventId.random(),
        scheduled.meetingId(),
        scheduled.revision(),
        at,
        scheduled.meeting(),
        scheduled.meeting().participants().stream()
            .filter(p -> p.email().startsWith(localPart + "@"))
            .findFirst()
            .orElseThrow()
            .email()
            .toUpperCase(),
        localPart,
        ParticipantRole.VOTING,
        answer,
        null,
        scheduled.revision(),
        AnswerChannel.CALENDAR_REPLY,
        null,
        at,
        null,
        List.of(),
        new Quorum(
            new QuorumRule(QuorumRule.Kind.MAJORITY, null, true),
            3,
            2,
            1,
            0,
            1,
            QuorumState.AT_RISK));
  }

  /**
   * Moves the story's meeting to start {@code startsIn} from now, with one reminder an hour before:
   * far enough ahead that its trigger never fires during the test.
   *
   * @return when the reminder is due
   */
  private static Instant remindAnHourBefore(MeetingStory story, Duration startsIn) {
    MeetingSnapshot meeting = story.meeting();
    LocalDateTime start =
        LocalDateTime.ofInstant(Instant.now().plus(startsIn), ZoneId.of(ZONE)).withNano(0);
    story.with(
        new MeetingSnapshot(
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
            List.of(60)));
    return start.atZone(ZoneId.of(ZONE)).toInstant().minus(Duration.ofHours(1));
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
}
