package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convene.events.Answer;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRule.Kind;
import org.convene.events.QuorumState;
import org.convene.notifier.invitation.Recipients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notifier's quorum figures for a meeting nobody has answered must be the scheduler's: the
 * cases are those of the scheduler's own quorum tests, with their results.
 */
class QuorumArithmeticTests {

  @ParameterizedTest(name = "{0} {1} of {2} voting members needs {3}")
  @CsvSource({
    "MAJORITY, , 39, 20",
    "MAJORITY, , 16, 9",
    "MAJORITY, , 15, 8",
    "MAJORITY, , 1, 1",
    "MAJORITY, , 0, 1",
    "FRACTION, 15, 10, 2",
    "FRACTION, 50, 16, 8",
    "FRACTION, 67, 3, 3",
    "FRACTION, 100, 7, 7",
    "FIXED, 12, 39, 12",
    "FIXED, 12, 5, 12",
  })
  void requiredMembersFollowTheRule(Kind kind, Integer value, int voters, int required) {
    assertThat(QuorumArithmetic.required(new QuorumRule(kind, value, true), voters))
        .isEqualTo(required);
  }

  @ParameterizedTest(name = "{0} {1}, chair counts {2}: {3} voters need {4}, {5}")
  @CsvSource({
    "MAJORITY, , true, 3, 2, AT_RISK",
    "MAJORITY, , false, 2, 2, AT_RISK",
    "FIXED, 3, true, 3, 3, AT_RISK",
    "FIXED, 3, false, 2, 3, UNREACHABLE",
    "FIXED, 5, true, 3, 5, UNREACHABLE",
    "FRACTION, 15, true, 3, 1, AT_RISK",
    "FRACTION, 100, false, 2, 2, AT_RISK",
  })
  void aMeetingNobodyAnsweredIsCountedUnderItsOwnRule(
      Kind kind, Integer value, boolean chairCounts, int voters, int required, QuorumState state) {
    QuorumRule rule = new QuorumRule(kind, value, chairCounts);

    Quorum quorum = QuorumArithmetic.nobodyAnswered(meetingWith(rule, everyRole()));

    // The chair and two voting members; the non-voting, optional and information participants
    // never count.
    assertThat(quorum)
        .extracting(
            Quorum::rule,
            Quorum::voters,
            Quorum::required,
            Quorum::accepted,
            Quorum::tentative,
            Quorum::pending,
            Quorum::state)
        .containsExactly(rule, voters, required, 0, 0, voters, state);
  }

  @Test
  void noVotingMemberAtAllIsUnreachableByAMajorityAndMetByAFraction() {
    List<Participant> observers =
        List.of(new Participant("Cy", "cy@example.org", ParticipantRole.NON_VOTING, "en", null));

    assertThat(QuorumArithmetic.nobodyAnswered(meetingWith(QuorumRule.DEFAULT, observers)).state())
        .isEqualTo(QuorumState.UNREACHABLE);
    assertThat(
            QuorumArithmetic.nobodyAnswered(
                    meetingWith(new QuorumRule(Kind.FRACTION, 50, true), observers))
                .state())
        .isEqualTo(QuorumState.MET);
  }

  @Test
  void answersCountByMailboxKeyAndOnlyForThoseWhoVote() {
    // The chair, Ann and Bo vote; Ann's mailbox is written Ann@ in the meeting, and her answer is
    // kept under its key. Cy (no vote) and Di (optional) accepting changes nothing.
    MeetingSnapshot meeting = meetingWith(QuorumRule.DEFAULT, everyRole());

    Quorum quorum =
        QuorumArithmetic.asAnswered(
            meeting,
            QuorumRule.DEFAULT,
            Map.of(
                "chair@example.org", Answer.TENTATIVE,
                "ann@example.org", Answer.DECLINED,
                "cy@example.org", Answer.ACCEPTED,
                "di@example.org", Answer.ACCEPTED));

    assertThat(quorum)
        .isEqualTo(new Quorum(QuorumRule.DEFAULT, 3, 2, 0, 1, 1, QuorumState.AT_RISK));
  }

  @ParameterizedTest(name = "{0} accepted, {1} tentative of 3, 2 needed: {2}")
  @CsvSource({"2, 0, MET", "1, 1, AT_RISK", "0, 0, AT_RISK"})
  void theStateFollowsTheAnswers(int accepted, int tentative, QuorumState state) {
    MeetingSnapshot meeting = meetingWith(QuorumRule.DEFAULT, everyRole());
    List<Participant> voters =
        meeting.participants().stream()
            .filter(p -> QuorumArithmetic.counts(QuorumRule.DEFAULT, p.role()))
            .toList();
    Map<String, Answer> answers = new HashMap<>();
    for (int i = 0; i < voters.size(); i++) {
      Answer answer =
          i < accepted ? Answer.ACCEPTED : i < accepted + tentative ? Answer.TENTATIVE : null;
      if (answer != null) {
        answers.put(Recipients.mailboxKey(voters.get(i).email()), answer);
      }
    }

    assertThat(QuorumArithmetic.asAnswered(meeting, QuorumRule.DEFAULT, answers).state())
        .isEqualTo(state);
  }

  @Test
  void twoDeclinedOfThreePutAMajorityOutOfReach() {
    MeetingSnapshot meeting = meetingWith(QuorumRule.DEFAULT, everyRole());
    Map<String, Answer> answers = new HashMap<>();
    meeting.participants().stream()
        .filter(p -> p.role() == ParticipantRole.VOTING)
        .forEach(p -> answers.put(Recipients.mailboxKey(p.email()), Answer.DECLINED));

    assertThat(QuorumArithmetic.asAnswered(meeting, QuorumRule.DEFAULT, answers))
        .isEqualTo(new Quorum(QuorumRule.DEFAULT, 3, 2, 0, 0, 1, QuorumState.UNREACHABLE));
  }

  private static List<Participant> everyRole() {
    return new ArrayList<>(AnswerNoticesTests.MEETING.participants());
  }

  private static MeetingSnapshot meetingWith(QuorumRule rule, List<Participant> participants) {
    MeetingSnapshot meeting = AnswerNoticesTests.MEETING;
    return new MeetingSnapshot(
        meeting.title(),
        meeting.description(),
        meeting.organiser(),
        meeting.start(),
        meeting.end(),
        meeting.timeZone(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        participants,
        meeting.agenda(),
        meeting.status(),
        meeting.reminderMinutesBefore(),
        rule);
  }
}
