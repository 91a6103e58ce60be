package org.convene.scheduler.answer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.meeting.domain.QuorumRule.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumTests {

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
    assertThat(new QuorumRule(kind, value, true).required(voters)).isEqualTo(required);
  }

  @ParameterizedTest(name = "{0} voting, {1} accepted, {2} tentative, {3} declined: {4}")
  @CsvSource({
    "39, 20, 0, 0, MET",
    "39, 19, 0, 0, AT_RISK",
    "16, 8, 0, 0, AT_RISK",
    "16, 8, 0, 8, UNREACHABLE",
    "16, 9, 0, 7, MET",
    "16, 7, 2, 7, AT_RISK",
    "16, 7, 1, 8, UNREACHABLE",
    "3, 0, 0, 2, UNREACHABLE",
  })
  void stateIsProjectedFromTheVotingMembersAnswers(
      int voting, int accepted, int tentative, int declined, QuorumState state) {
    Meeting meeting = AnswerFixtures.withVoters(voting);
    Map<Mailbox, Answer> answers = new HashMap<>();
    // The chair is the first voter, then members 1..voting-1.
    int next = 0;
    for (int i = 0; i < accepted; i++) {
      answers.put(voter(next++), answer(voter(next - 1), AnswerStatus.ACCEPTED));
    }
    for (int i = 0; i < tentative; i++) {
      answers.put(voter(next++), answer(voter(next - 1), AnswerStatus.TENTATIVE));
    }
    for (int i = 0; i < declined; i++) {
      answers.put(voter(next++), answer(voter(next - 1), AnswerStatus.DECLINED));
    }
    // Optional and non-voting attendees accepting change nothing.
    Mailbox optional = Mailbox.of("optional@bast.example.org");
    Mailbox observer = Mailbox.of("observer@bast.example.org");
    answers.put(optional, answer(optional, AnswerStatus.ACCEPTED));
    answers.put(observer, answer(observer, AnswerStatus.ACCEPTED));

    QuorumStatus quorum = new MeetingAnswers(meeting, 1, QuorumRule.DEFAULT, answers).quorum();

    assertThat(quorum.voters()).isEqualTo(voting);
    assertThat(quorum.accepted()).isEqualTo(accepted);
    assertThat(quorum.pending()).isEqualTo(voting - accepted - tentative - declined);
    assertThat(quorum.state()).isEqualTo(state);
  }

  @ParameterizedTest(name = "chair counts: {0}")
  @CsvSource({"true, 3, 2", "false, 2, 2"})
  void theChairCountsUnlessTheRuleLeavesItOut(boolean chairCounts, int voters, int required) {
    QuorumStatus quorum =
        new MeetingAnswers(
                AnswerFixtures.theoryMeeting(),
                1,
                new QuorumRule(Kind.MAJORITY, null, chairCounts),
                Map.of())
            .quorum();

    assertThat(quorum.voters()).isEqualTo(voters);
    assertThat(quorum.required()).isEqualTo(required);
    assertThat(quorum.state()).isEqualTo(QuorumState.AT_RISK);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"MAJORITY, 1", "FRACTION, 0", "FRACTION, 101", "FRACTION, ", "FIXED, 0", "FIXED, "})
  void rulesWithoutSenseAreRefused(Kind kind, Integer value) {
    assertThatThrownBy(() -> new QuorumRule(kind, value, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Mailbox voter(int index) {
    return index == 0 ? AnswerFixtures.CHAIR : AnswerFixtures.member(index);
  }

  private static Answer answer(Mailbox who, AnswerStatus status) {
    return new Answer(
        who, status, null, 1, Instant.parse("2026-12-01T10:00:00Z"), Channel.LINK, null);
  }
}
