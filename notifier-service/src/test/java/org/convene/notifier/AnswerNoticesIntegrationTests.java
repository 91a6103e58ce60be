package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.convene.events.Answer;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Confirmations of answers, quorum alerts and nudges go out through the delivery ledger. The tests'
 * quorum checks are 80 and 77 hours before the start: a meeting scheduled a little under 77 hours
 * ahead has its 77-hour check due a moment ago, run at once, and its 80-hour check three hours
 * late, skipped; nothing waits for a check's time.
 */
// Three of the tests wait ten seconds each for a check's time; each has meetings and mailboxes of
// its own, so they wait together, and beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = TestSmtp.LOCK, mode = ResourceAccessMode.READ)
class AnswerNoticesIntegrationTests extends NotifierTestSupport {

  /**
   * Seconds from scheduling a meeting to its 77-hour check, for the tests whose check must count
   * the answers and people published after the meeting: long enough for the notifier to record a
   * few events on a loaded machine (well under a second on a quiet one). Each such test waits this
   * long.
   */
  static final int CHECK_AFTER_EVENTS = 10;

  /** Several messages through the dispatchers, on a loaded machine too. */
  static final Duration SENT = Duration.ofMinutes(2);

  static final Quorum AT_RISK =
      new Quorum(
          new QuorumRule(QuorumRule.Kind.MAJORITY, null, true), 3, 2, 0, 0, 3, QuorumState.AT_RISK);
  static final Quorum UNREACHABLE =
      new Quorum(
          new QuorumRule(QuorumRule.Kind.MAJORITY, null, true),
          3,
          2,
          0,
          0,
          1,
          QuorumState.UNREACHABLE);

  @Test
  void eachAnswerIsConfirmedOnceInThePersonsLanguageWithoutACalendar() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("confirmed"));
    MeetingScheduled scheduled = story.scheduled();
    AttendeeAnswered declined =
        answer(scheduled, "chen.weicheng", Answer.DECLINED, "Travelling <b>that</b> week", 1);
    AttendeeAnswered accepted = answer(scheduled, "tian.wen", Answer.ACCEPTED, null, 2);

    // The same answer event consumed twice owes one confirmation.
    publish(scheduled, declined, accepted, declined);

    await()
        .atMost(SENT)
        .until(() -> confirmations(story).size() == 2 && invitations(story).size() == 5);
    MimeMessage english = only(TestSmtp.inbox(story.mailbox("chen.weicheng")), "Answer recorded");
    assertThat(Mails.text(english))
        .contains("You declined “2022 theory-discussing meeting” at")
        .contains("(Europe/Berlin)")
        .contains("Your comment: Travelling <b>that</b> week")
        .contains("Recorded from your calendar’s reply.");
    assertThat(Mails.html(english)).contains("Travelling &lt;b&gt;that&lt;/b&gt; week");
    assertThat(Mails.raw(english)).doesNotContainIgnoringCase("text/calendar");
    MimeMessage chinese = only(TestSmtp.inbox(story.mailbox("tian.wen")), "答复已记录");
    assertThat(Mails.text(chinese)).contains("您已接受会议“2022 theory-discussing meeting”");
    assertThat(
            jdbc.sql(
                    "select count(*) from delivery where meeting_id = :id and kind = 'CONFIRMATION'")
                .param("id", story.meetingId().value())
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void anUnreachableQuorumAlertsTheOrganiserAndTheChairAtOnce() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("unreachable"));
    MeetingScheduled scheduled = story.scheduled();
    QuorumChanged changed =
        new QuorumChanged(
            EventId.random(),
            scheduled.meetingId(),
            scheduled.revision(),
            Instant.now(),
            scheduled.meeting(),
            QuorumState.AT_RISK,
            QuorumState.UNREACHABLE,
            UNREACHABLE);
    QuorumChanged backToRisk =
        new QuorumChanged(
            EventId.random(),
            scheduled.meetingId(),
            scheduled.revision(),
            Instant.now().plusSeconds(1),
            scheduled.meeting(),
            QuorumState.UNREACHABLE,
            QuorumState.AT_RISK,
            AT_RISK);

    publish(scheduled, changed, changed, backToRisk);

    await().atMost(SENT).until(() -> alerts(story).size() == 2);
    assertThat(alerts(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(story.mailbox("office"), story.mailbox("shen.jie"));
    MimeMessage organiser = only(TestSmtp.inbox(story.mailbox("office")), "Quorum out of reach");
    assertThat(Mails.text(organiser))
        .contains("can no longer be reached")
        .contains("Voting members: 3; needed: 2; accepted: 0; tentative: 0; not answered: 1");
    assertThat(only(TestSmtp.inbox(story.mailbox("shen.jie")), "已无法达到法定人数")).isNotNull();
  }

  @Test
  void aQuorumStillAtRiskAtALeadTimeAlertsAndNudgesThoseWhoHaveNotAnswered() {
    // The 77-hour check falls due a few seconds after the meeting is scheduled.
    MeetingStory story =
        startingIn(
            new MeetingStory(MeetingStory.uniqueDomain("atrisk")),
            Duration.ofHours(77).plusSeconds(8));
    // This one's 77-hour check was due a minute before it was scheduled: not planned, although
    // within the grace, since nobody can have answered an invitation they are only now getting.
    MeetingStory justScheduled =
        startingIn(
            new MeetingStory(MeetingStory.uniqueDomain("atrisk-late")),
            Duration.ofHours(77).minusSeconds(60));
    publish(justScheduled.scheduled());

    // Nobody has answered: the quorum is at risk. The chair (who counts) and the voting members are
    // nudged; Li Na has no vote, the archive only a copy.
    publish(story.scheduled());

    await().atMost(SENT).until(() -> nudges(story).size() == 3 && alerts(story).size() == 2);
    assertThat(nudges(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(
            story.mailbox("shen.jie"), story.mailbox("tian.wen"), story.mailbox("chen.weicheng"));
    assertThat(alerts(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(story.mailbox("office"), story.mailbox("shen.jie"));
    MimeMessage nudge = only(TestSmtp.inbox(story.mailbox("chen.weicheng")), "Please answer");
    assertThat(Mails.text(nudge))
        .contains("You are a voting member and have not answered")
        .contains("Voting members: 3; needed: 2; accepted: 0; tentative: 0; not answered: 3");
    assertThat(Mails.raw(nudge)).doesNotContainIgnoringCase("text/calendar");
    assertThat(
            jdbc.sql(
                    """
                    select distinct reminder_minutes from delivery
                    where meeting_id = :id and kind in ('QUORUM_ALERT', 'NUDGE')
                    """)
                .param("id", story.meetingId().value())
                .query(Integer.class)
                .list())
        .as("the 80-hour check was due three hours before the meeting was scheduled: not planned")
        .containsExactly(77 * 60);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from delivery
                    where meeting_id = :id and kind in ('QUORUM_ALERT', 'NUDGE')
                    """)
                .param("id", justScheduled.meetingId().value())
                .query(Integer.class)
                .single())
        .as("a check already due when its meeting was scheduled owes nothing")
        .isZero();
  }

  @Test
  void aQuorumCheckCountsUnderTheMeetingsOwnRuleBeforeAnybodyAnsweredAndAfterARuleChange() {
    Clock clock = Clock.systemUTC();
    QuorumRule fixedThree = new QuorumRule(QuorumRule.Kind.FIXED, 3, true);
    // Scheduled with a fixed quorum of three and not answered: its 77-hour check, due a few
    // seconds after it is scheduled, needs all three voting members, not a majority of two.
    MeetingStory fixed =
        withRule(
            startingIn(
                new MeetingStory(MeetingStory.uniqueDomain("fixed-rule")),
                Duration.ofHours(77).plusSeconds(8)),
            fixedThree);
    // Scheduled under the default rule; Tian answers tentatively, then the organiser asks for a
    // fixed three: still at risk, so no QuorumChanged, only the new rule and its figures.
    MeetingStory changed =
        startingIn(
            new MeetingStory(MeetingStory.uniqueDomain("rule-changed")),
            Duration.ofHours(77).plusSeconds(CHECK_AFTER_EVENTS));
    MeetingScheduled scheduled = changed.scheduled();
    AttendeeAnswered tentative = answer(scheduled, "tian.wen", Answer.TENTATIVE, null, 1);
    QuorumRuleChanged ruleChanged =
        new QuorumRuleChanged(
            EventId.random(),
            scheduled.meetingId(),
            scheduled.revision(),
            Instant.now(clock).plusSeconds(2),
            scheduled.meeting().withQuorumRule(fixedThree),
            QuorumRule.DEFAULT,
            new Quorum(fixedThree, 3, 3, 0, 1, 2, QuorumState.AT_RISK));

    publish(fixed.scheduled());
    publish(scheduled, tentative, ruleChanged, ruleChanged);

    await()
        .atMost(SENT)
        .until(
            () ->
                alerts(fixed).size() == 2
                    && nudges(fixed).size() == 3
                    && alerts(changed).size() == 2
                    && nudges(changed).size() == 2);
    MimeMessage fixedAlert = only(TestSmtp.inbox(fixed.mailbox("office")), "Quorum at risk");
    assertThat(Mails.text(fixedAlert))
        .contains("Voting members: 3; needed: 3; accepted: 0; tentative: 0; not answered: 3");
    MimeMessage changedAlert = only(TestSmtp.inbox(changed.mailbox("office")), "Quorum at risk");
    assertThat(Mails.text(changedAlert))
        .as("the newest figures, those of the new rule")
        .contains("Voting members: 3; needed: 3; accepted: 0; tentative: 1; not answered: 2");
    assertThat(nudges(changed))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(changed.mailbox("shen.jie"), changed.mailbox("chen.weicheng"));
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from delivery
                    where meeting_id in (:ids) and kind = 'QUORUM_ALERT' and reminder_minutes < 0
                    """)
                .param("ids", List.of(fixed.meetingId().value(), changed.meetingId().value()))
                .query(Integer.class)
                .single())
        .as(
            "neither a reachable rule at scheduling nor a new rule that left the state alerts at once")
        .isZero();
  }

  @Test
  void aQuorumCheckCountsTheVotingMembersInvitedSinceTheLastAnswer() {
    MeetingStory story =
        startingIn(
            new MeetingStory(MeetingStory.uniqueDomain("people-changed")),
            Duration.ofHours(77).plusSeconds(CHECK_AFTER_EVENTS));
    MeetingScheduled scheduled = story.scheduled();
    // Tian accepts: one of three, two needed. Then a fourth voting member is invited: three of four
    // needed, still at risk, so the scheduler publishes no new figures.
    AttendeeAnswered accepted =
        answer(
            scheduled,
            "tian.wen",
            Answer.ACCEPTED,
            null,
            1,
            new Quorum(AT_RISK.rule(), 3, 2, 1, 0, 2, QuorumState.AT_RISK));
    var invited = story.added(story.person("Zhou Min", "zhou.min", ParticipantRole.VOTING, "en"));

    publish(scheduled, accepted, invited);

    await().atMost(SENT).until(() -> alerts(story).size() == 2 && nudges(story).size() == 3);
    MimeMessage alert = only(TestSmtp.inbox(story.mailbox("office")), "Quorum at risk");
    assertThat(Mails.text(alert))
        .as("the figures of the meeting's people now, not those the answer carried")
        .contains("Voting members: 4; needed: 3; accepted: 1; tentative: 0; not answered: 3");
    assertThat(nudges(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(
            story.mailbox("shen.jie"), story.mailbox("chen.weicheng"), story.mailbox("zhou.min"));
  }

  @Test
  void aMeetingScheduledWithAQuorumOutOfReachAlertsTheOrganiserAndTheChairOnceAtOnce() {
    // Five of three voting members: the scheduler accepts it (more may be invited), the organiser
    // and the chair hear of it as they would of a quorum becoming unreachable.
    MeetingStory story =
        withRule(
            new MeetingStory(MeetingStory.uniqueDomain("scheduled-unreachable")),
            new QuorumRule(QuorumRule.Kind.FIXED, 5, true));

    MeetingScheduled scheduled = story.scheduled();
    publish(scheduled, scheduled);

    await().atMost(SENT).until(() -> alerts(story).size() == 2 && invitations(story).size() == 5);
    assertThat(alerts(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(story.mailbox("office"), story.mailbox("shen.jie"));
    assertThat(Mails.text(only(TestSmtp.inbox(story.mailbox("office")), "Quorum out of reach")))
        .contains("cannot be reached with the people invited")
        .contains("Voting members: 3; needed: 5; accepted: 0; tentative: 0; not answered: 3");
    assertThat(only(TestSmtp.inbox(story.mailbox("shen.jie")), "已无法达到法定人数")).isNotNull();
    assertThat(
            jdbc.sql(
                    "select count(*) from delivery where meeting_id = :id and kind = 'QUORUM_ALERT'")
                .param("id", story.meetingId().value())
                .query(Integer.class)
                .single())
        .as("the scheduling read twice owes one alert to each")
        .isEqualTo(2);
  }

  @Test
  void aNewRuleThatPutsTheQuorumOutOfReachAlertsOnceThroughItsQuorumChanged() {
    Clock clock = Clock.systemUTC();
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("rule-unreachable"));
    MeetingScheduled scheduled = story.scheduled();
    QuorumRule fixedFive = new QuorumRule(QuorumRule.Kind.FIXED, 5, true);
    Quorum outOfReach = new Quorum(fixedFive, 3, 5, 0, 0, 3, QuorumState.UNREACHABLE);
    Instant at = Instant.now(clock).plusSeconds(1);
    QuorumRuleChanged ruleChanged =
        new QuorumRuleChanged(
            EventId.random(),
            scheduled.meetingId(),
            scheduled.revision(),
            at,
            scheduled.meeting().withQuorumRule(fixedFive),
            QuorumRule.DEFAULT,
            outOfReach);
    QuorumChanged changed =
        new QuorumChanged(
            EventId.random(),
            scheduled.meetingId(),
            scheduled.revision(),
            at,
            scheduled.meeting().withQuorumRule(fixedFive),
            QuorumState.AT_RISK,
            QuorumState.UNREACHABLE,
            outOfReach);

    publish(scheduled, ruleChanged, changed, ruleChanged);

    await().atMost(SENT).until(() -> alerts(story).size() == 2 && invitations(story).size() == 5);
    assertThat(alerts(story))
        .extracting(TestSmtp::recipient)
        .containsExactlyInAnyOrder(story.mailbox("office"), story.mailbox("shen.jie"));
    assertThat(Mails.text(only(TestSmtp.inbox(story.mailbox("office")), "Quorum out of reach")))
        .contains("Voting members: 3; needed: 5; accepted: 0; tentative: 0; not answered: 3");
    assertThat(
            jdbc.sql(
                    "select count(*) from delivery where meeting_id = :id and kind = 'QUORUM_ALERT'")
                .param("id", story.meetingId().value())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  private static MeetingStory withRule(MeetingStory story, QuorumRule rule) {
    return story.with(story.meeting().withQuorumRule(rule));
  }

  private static MeetingStory startingIn(MeetingStory story, Duration fromNow) {
    MeetingSnapshot meeting = story.meeting();
    LocalDateTime start =
        LocalDateTime.ofInstant(Instant.now().plus(fromNow), MeetingStory.ZONE).withNano(0);
    return story.with(
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            start,
            start.plusHours(2),
            meeting.timeZone(),
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status()));
  }

  private static AttendeeAnswered answer(
      MeetingScheduled scheduled, String localPart, Answer answer, String comment, int seconds) {
    return answer(scheduled, localPart, answer, comment, seconds, AT_RISK);
  }

  private static AttendeeAnswered answer(
      MeetingScheduled scheduled,
      String localPart,
      Answer answer,
      String comment,
      int seconds,
      Quorum quorum) {
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
            .email(),
        localPart,
        ParticipantRole.VOTING,
        answer,
        null,
        scheduled.revision(),
        AnswerChannel.CALENDAR_REPLY,
        comment,
        at,
        null,
        List.of(),
        quorum);
  }

  private static MimeMessage only(List<MimeMessage> inbox, String subjectStart) {
    List<MimeMessage> matching =
        inbox.stream().filter(m -> Mails.subject(m).startsWith(subjectStart)).toList();
    assertThat(matching).hasSize(1);
    return matching.getFirst();
  }

  private static List<MimeMessage> invitations(MeetingStory story) {
    return withSubject(story, "Invitation:", "邀请：");
  }

  private static List<MimeMessage> confirmations(MeetingStory story) {
    return withSubject(story, "Answer recorded:", "答复已记录：");
  }

  private static List<MimeMessage> alerts(MeetingStory story) {
    return withSubject(story, "Quorum out of reach:", "已无法达到法定人数：", "Quorum at risk:", "法定人数存在风险：");
  }

  private static List<MimeMessage> nudges(MeetingStory story) {
    return withSubject(story, "Please answer:", "请答复：");
  }

  private static List<MimeMessage> withSubject(MeetingStory story, String... starts) {
    return TestSmtp.receivedFor(story.domain()).stream()
        .filter(
            message -> {
              String subject = Mails.subject(message);
              for (String start : starts) {
                if (subject.startsWith(start)) {
                  return true;
                }
              }
              return false;
            })
        .toList();
  }
}
