package org.convene.scheduler.answer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.answer.domain.AnswerFixtures.ARCHIVE;
import static org.convene.scheduler.answer.domain.AnswerFixtures.CHAIR;
import static org.convene.scheduler.answer.domain.AnswerFixtures.CHEN;
import static org.convene.scheduler.answer.domain.AnswerFixtures.TIAN;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.junit.jupiter.api.Test;

class MeetingAnswersTests {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final Meeting meeting = AnswerFixtures.theoryMeeting();

  @Test
  void aFirstAnswerIsRecordedWithTalliesAndQuorumBeforeAndAfter() {
    MeetingAnswers answers = answers(3, Map.of(CHAIR, answer(CHAIR, AnswerStatus.ACCEPTED, 3, T0)));

    AnswerOutcome outcome =
        answers.answer(
            answer(Mailbox.of("Tian.Wen@BAST.example.org"), AnswerStatus.ACCEPTED, 3, T0));

    assertThat(outcome).isInstanceOf(AnswerOutcome.Recorded.class);
    AnswerOutcome.Recorded recorded = (AnswerOutcome.Recorded) outcome;
    assertThat(recorded.participant().mailbox().address()).isEqualTo("tian.wen@bast.example.org");
    assertThat(recorded.previous()).isNull();
    assertThat(recorded.quorumBefore().state()).isEqualTo(QuorumState.AT_RISK);
    assertThat(recorded.quorumAfter().state()).isEqualTo(QuorumState.MET);
    assertThat(recorded.quorumChanged()).isTrue();
    assertThat(recorded.tallies())
        .extracting(RoleTally::role)
        .containsExactly(ParticipantRole.CHAIR, ParticipantRole.VOTING, ParticipantRole.NON_VOTING);
    assertThat(recorded.tallies().get(1))
        .isEqualTo(new RoleTally(ParticipantRole.VOTING, 2, 1, 0, 0, 0, 1));
  }

  @Test
  void anOlderReplyNeverOverwritesANewerOne() {
    Answer newer = answer(TIAN, AnswerStatus.DECLINED, 3, T0.plusSeconds(60));
    MeetingAnswers answers = answers(3, Map.of(TIAN, newer));

    assertThat(answers.answer(answer(TIAN, AnswerStatus.ACCEPTED, 3, T0)))
        .isEqualTo(new AnswerOutcome.Superseded(newer));
    assertThat(answers.answer(answer(TIAN, AnswerStatus.ACCEPTED, 2, T0.plusSeconds(600))))
        .isEqualTo(new AnswerOutcome.Superseded(newer));
    assertThat(answers.answer(newer))
        .as("the same reply again")
        .isEqualTo(new AnswerOutcome.Superseded(newer));
    assertThat(answers.answer(answer(TIAN, AnswerStatus.ACCEPTED, 3, T0.plusSeconds(61))))
        .isInstanceOf(AnswerOutcome.Recorded.class);
  }

  @Test
  void aReplyToAnOlderRevisionIsRecordedAsAnAnswerToThatRevision() {
    AnswerOutcome outcome = answers(5, Map.of()).answer(answer(CHEN, AnswerStatus.ACCEPTED, 2, T0));

    assertThat(outcome).isInstanceOf(AnswerOutcome.Recorded.class);
    assertThat(((AnswerOutcome.Recorded) outcome).answer().revision()).isEqualTo(2);
    assertThat(((AnswerOutcome.Recorded) outcome).revision()).isEqualTo(5);
  }

  @Test
  void aReplyToARevisionThatDoesNotExistIsRefused() {
    assertThat(answers(2, Map.of()).answer(answer(CHEN, AnswerStatus.ACCEPTED, 3, T0)))
        .isInstanceOf(AnswerOutcome.Refused.class);
  }

  @Test
  void somebodyNotInvitedIsAPartyCrasherNeverAdded() {
    Mailbox crasher = Mailbox.of("crasher@example.com");
    MeetingAnswers answers = answers(1, Map.of());

    assertThat(answers.answer(answer(crasher, AnswerStatus.ACCEPTED, 1, T0)))
        .isInstanceOf(AnswerOutcome.Uninvited.class);
    assertThat(answers.participant(crasher)).isEmpty();
  }

  @Test
  void answersToACancelledMeetingAreRefusedWithTheReason() {
    MeetingAnswers answers =
        new MeetingAnswers(AnswerFixtures.cancelled(meeting), 4, QuorumRule.DEFAULT, Map.of());

    assertThat(answers.answer(answer(TIAN, AnswerStatus.ACCEPTED, 4, T0)))
        .isEqualTo(new AnswerOutcome.Refused("The meeting is cancelled"));
  }

  @Test
  void informationCopiesAnswersAreRecordedButNeverCounted() {
    AnswerOutcome outcome =
        answers(1, Map.of()).answer(answer(ARCHIVE, AnswerStatus.ACCEPTED, 1, T0));

    assertThat(outcome).isInstanceOf(AnswerOutcome.Recorded.class);
    AnswerOutcome.Recorded recorded = (AnswerOutcome.Recorded) outcome;
    assertThat(recorded.tallies())
        .extracting(RoleTally::role)
        .doesNotContain(ParticipantRole.INFORMATION);
    assertThat(recorded.quorumAfter()).isEqualTo(recorded.quorumBefore());
    assertThat(recorded.quorumChanged()).isFalse();
  }

  @Test
  void delegationIsRecordedAndCountsAsNotAttending() {
    Answer delegated =
        new Answer(
            TIAN,
            AnswerStatus.DELEGATED,
            Mailbox.of("deputy@bast.example.org"),
            1,
            T0,
            Channel.CALENDAR_REPLY,
            null);
    Map<Mailbox, Answer> before = new HashMap<>();
    before.put(CHEN, answer(CHEN, AnswerStatus.DECLINED, 1, T0));

    AnswerOutcome.Recorded recorded = (AnswerOutcome.Recorded) answers(1, before).answer(delegated);

    assertThat(recorded.answer().delegatedTo()).isEqualTo(Mailbox.of("deputy@bast.example.org"));
    assertThat(recorded.tallies().get(1))
        .isEqualTo(new RoleTally(ParticipantRole.VOTING, 2, 0, 0, 1, 1, 0));
    assertThat(recorded.quorumAfter().state()).isEqualTo(QuorumState.UNREACHABLE);
  }

  @Test
  void commentsAreKeptOnOneLineAndCapped() {
    assertThat(Comment.clean("Late by 10 min\r\nBcc: everyone@example.com"))
        .isEqualTo("Late by 10 min Bcc: everyone@example.com");
    assertThat(Comment.clean(" \t\r\n ")).isNull();
    assertThat(Comment.clean(null)).isNull();
    assertThat(Comment.clean("会".repeat(600))).hasSize(Comment.MAX_LENGTH).endsWith("…");
    assertThat(answer(TIAN, AnswerStatus.ACCEPTED, 1, T0).comment()).isNull();
  }

  @Test
  void aProposalOfAnotherTimeIsKeptOnlyFromAnInvitedPersonToARevisionTheMeetingHasHad() {
    MeetingAnswers answers = answers(3, Map.of(TIAN, answer(TIAN, AnswerStatus.ACCEPTED, 3, T0)));
    Proposal fromTian = proposal(TIAN, 3);

    assertThat(answers.propose(fromTian)).isEqualTo(new ProposalOutcome.Kept(fromTian));
    assertThat(answers.propose(proposal(TIAN, 4)))
        .isInstanceOfSatisfying(
            ProposalOutcome.Refused.class,
            refused -> assertThat(refused.reason()).contains("revision 4"));
    assertThat(answers.propose(proposal(Mailbox.of("stranger@example.com"), 3)))
        .isInstanceOfSatisfying(
            ProposalOutcome.Refused.class,
            refused -> assertThat(refused.reason()).contains("stranger@example.com"));
    assertThat(
            new MeetingAnswers(AnswerFixtures.cancelled(meeting), 4, QuorumRule.DEFAULT, Map.of())
                .propose(fromTian))
        .isEqualTo(new ProposalOutcome.Refused("The meeting is cancelled"));
  }

  private static Proposal proposal(Mailbox who, long revision) {
    return new Proposal(
        who,
        T0.plusSeconds(86_400),
        T0.plusSeconds(86_400 + 5_400),
        revision,
        T0,
        "Could we meet\nin the afternoon?");
  }

  private MeetingAnswers answers(long revision, Map<Mailbox, Answer> answers) {
    return new MeetingAnswers(meeting, revision, QuorumRule.DEFAULT, answers);
  }

  private static Answer answer(Mailbox who, AnswerStatus status, long revision, Instant at) {
    return new Answer(who, status, null, revision, at, Channel.CALENDAR_REPLY, null);
  }
}
