package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.convene.events.Answer;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.junit.jupiter.api.Test;

class AnswerNoticesTests {

  static final MeetingSnapshot MEETING =
      new MeetingSnapshot(
          "Board",
          "",
          new Person("Office", "Office@Example.org"),
          LocalDateTime.parse("2026-12-10T09:00"),
          LocalDateTime.parse("2026-12-10T10:00"),
          "Asia/Shanghai",
          "Room 1",
          null,
          List.of(),
          List.of(
              new Participant("Chair", "chair@example.org", ParticipantRole.CHAIR, "en", null),
              new Participant("Ann", "Ann@example.org", ParticipantRole.VOTING, "en", null),
              new Participant("Bo", "bo@example.org", ParticipantRole.VOTING, "zh-CN", null),
              new Participant("Cy", "cy@example.org", ParticipantRole.NON_VOTING, "en", null),
              new Participant("Di", "di@example.org", ParticipantRole.OPTIONAL, "en", null),
              new Participant("Ed", "ed@example.org", ParticipantRole.INFORMATION, "en", null)),
          List.of(),
          MeetingStatus.SCHEDULED);

  static Quorum quorum(boolean chairCounts, QuorumState state) {
    return new Quorum(
        new QuorumRule(QuorumRule.Kind.MAJORITY, null, chairCounts), 3, 2, 0, 0, 3, state);
  }

  @Test
  void anAnswerOwesItsPersonOneConfirmation() {
    AttendeeAnswered answered =
        new AttendeeAnswered(
            EventId.random(),
            MeetingId.random(),
            1,
            Instant.now(),
            MEETING,
            "Ann@Example.org",
            "Ann",
            ParticipantRole.VOTING,
            Answer.ACCEPTED,
            null,
            1,
            AnswerChannel.LINK,
            null,
            Instant.now(),
            null,
            List.of(),
            quorum(true, QuorumState.AT_RISK));

    assertThat(AnswerNotices.of(answered))
        .containsExactly(
            new AnswerNotices.Owed(DeliveryKind.CONFIRMATION, List.of("ann@example.org")));
  }

  @Test
  void onlyAChangeIntoUnreachableAlertsTheOrganiserAndTheChair() {
    assertThat(AnswerNotices.of(changed(QuorumState.AT_RISK, QuorumState.UNREACHABLE)))
        .containsExactly(
            new AnswerNotices.Owed(
                DeliveryKind.QUORUM_ALERT, List.of("office@example.org", "chair@example.org")));
    assertThat(AnswerNotices.of(changed(QuorumState.UNREACHABLE, QuorumState.AT_RISK))).isEmpty();
    assertThat(AnswerNotices.of(changed(QuorumState.AT_RISK, QuorumState.MET))).isEmpty();
  }

  @Test
  void votingMembersWhoHaveNotAnsweredAreNudgedTheChairOnlyIfTheRuleCountsThem() {
    assertThat(
            AnswerNotices.nudged(
                MEETING, quorum(true, QuorumState.AT_RISK), Set.of("bo@example.org")))
        .containsExactly("chair@example.org", "ann@example.org");
    assertThat(AnswerNotices.nudged(MEETING, quorum(false, QuorumState.AT_RISK), Set.of()))
        .containsExactly("ann@example.org", "bo@example.org");
  }

  @Test
  void theOrganiserWhoIsNoParticipantIsWrittenToAsAPersonOfTheirOwn() {
    assertThat(AnswerNotices.person(MEETING, "office@example.org"))
        .extracting(Participant::email, Participant::language)
        .containsExactly("Office@Example.org", null);
    assertThat(AnswerNotices.person(MEETING, "bo@example.org").language()).isEqualTo("zh-CN");
    assertThat(AnswerNotices.person(MEETING, "nobody@example.org")).isNull();
  }

  @Test
  void aMeetingNobodyAnsweredIsAtRiskUnderTheDefaultRule() {
    assertThat(KnownQuorums.unanswered(MEETING))
        .extracting(Quorum::voters, Quorum::required, Quorum::pending, Quorum::state)
        .containsExactly(3, 2, 3, QuorumState.AT_RISK);
  }

  @Test
  void aMeetingNobodyAnsweredIsCountedUnderTheRuleItsSnapshotCarries() {
    QuorumRule fixedFive = new QuorumRule(QuorumRule.Kind.FIXED, 5, true);

    assertThat(KnownQuorums.unanswered(MEETING.withQuorumRule(fixedFive)))
        .extracting(Quorum::rule, Quorum::voters, Quorum::required, Quorum::state)
        .containsExactly(fixedFive, 3, 5, QuorumState.UNREACHABLE);
  }

  @Test
  void aNewRuleOwesNothingItselfWhateverItsState() {
    // A rule that moved the state comes with its QuorumChanged, which owes the alert: this one
    // must not owe it a second time.
    QuorumRule fixedFive = new QuorumRule(QuorumRule.Kind.FIXED, 5, true);
    QuorumRuleChanged ruleChanged =
        new QuorumRuleChanged(
            EventId.random(),
            MeetingId.random(),
            1,
            Instant.now(),
            MEETING.withQuorumRule(fixedFive),
            QuorumRule.DEFAULT,
            new Quorum(fixedFive, 3, 5, 0, 0, 3, QuorumState.UNREACHABLE));

    assertThat(AnswerNotices.of(ruleChanged)).isEmpty();
  }

  @Test
  void aMeetingScheduledOutOfReachAlertsTheOrganiserAndTheChairOnlyThen() {
    MeetingSnapshot fixedFive =
        MEETING.withQuorumRule(new QuorumRule(QuorumRule.Kind.FIXED, 5, true));
    MeetingSnapshot fixedThree =
        MEETING.withQuorumRule(new QuorumRule(QuorumRule.Kind.FIXED, 3, true));

    assertThat(AnswerNotices.ofScheduled(scheduled(fixedFive)))
        .containsExactly(
            new AnswerNotices.Owed(
                DeliveryKind.QUORUM_ALERT, List.of("office@example.org", "chair@example.org")));
    assertThat(AnswerNotices.ofScheduled(scheduled(fixedThree))).isEmpty();
    assertThat(AnswerNotices.ofScheduled(scheduled(MEETING))).isEmpty();
  }

  private static MeetingScheduled scheduled(MeetingSnapshot meeting) {
    return new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting);
  }

  private static QuorumChanged changed(QuorumState from, QuorumState to) {
    return new QuorumChanged(
        EventId.random(),
        MeetingId.random(),
        1,
        Instant.now(),
        MEETING,
        from,
        to,
        quorum(true, to));
  }
}
