package org.convene.scheduler.answer.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.QuorumRule;

/**
 * The answers to one meeting at its current revision, and the rules a new answer meets. Answers of
 * people who are no longer invited stay stored but count for nothing.
 */
public record MeetingAnswers(
    Meeting meeting, long revision, QuorumRule rule, Map<Mailbox, Answer> answers) {

  public MeetingAnswers {
    Objects.requireNonNull(meeting, "meeting");
    Objects.requireNonNull(rule, "rule");
    answers = Map.copyOf(answers);
  }

  /** Decides what becomes of an answer. */
  public AnswerOutcome answer(Answer answer) {
    if (meeting.isCancelled()) {
      return new AnswerOutcome.Refused("The meeting is cancelled");
    }
    if (answer.revision() > revision) {
      return new AnswerOutcome.Refused(
          "The answer is to revision "
              + answer.revision()
              + " but the meeting is at revision "
              + revision);
    }
    Optional<Participant> participant = participant(answer.attendee());
    if (participant.isEmpty()) {
      return new AnswerOutcome.Uninvited(answer);
    }
    Answer previous = answers.get(answer.attendee());
    if (previous != null && !answer.isNewerThan(previous)) {
      return new AnswerOutcome.Superseded(previous);
    }
    MeetingAnswers next = with(answer);
    return new AnswerOutcome.Recorded(
        meeting,
        revision,
        participant.get(),
        answer,
        previous,
        next.tallies(),
        quorum(),
        next.quorum());
  }

  /** These answers with {@code answer} in place of its person's previous one, if any. */
  public MeetingAnswers with(Answer answer) {
    Map<Mailbox, Answer> after = new java.util.HashMap<>(answers);
    after.put(answer.attendee(), answer);
    return new MeetingAnswers(meeting, revision, rule, after);
  }

  /**
   * Decides what becomes of a proposal of another time: kept for the organiser if an invited person
   * made it to a revision the meeting has had, while the meeting is on. It changes neither the
   * meeting nor the answers.
   */
  public ProposalOutcome propose(Proposal proposal) {
    if (meeting.isCancelled()) {
      return new ProposalOutcome.Refused("The meeting is cancelled");
    }
    if (proposal.revision() > revision) {
      return new ProposalOutcome.Refused(
          "The proposal is to revision "
              + proposal.revision()
              + " but the meeting is at revision "
              + revision);
    }
    if (participant(proposal.attendee()).isEmpty()) {
      return new ProposalOutcome.Refused(
          "A proposal from somebody the meeting does not invite: " + proposal.attendee().address());
    }
    return new ProposalOutcome.Kept(proposal);
  }

  /** The same answers counted against another rule. */
  public MeetingAnswers withRule(QuorumRule newRule) {
    return new MeetingAnswers(meeting, revision, newRule, answers);
  }

  public Optional<Participant> participant(Mailbox mailbox) {
    return meeting.participants().stream().filter(p -> p.mailbox().equals(mailbox)).findFirst();
  }

  public Optional<Answer> answerOf(Mailbox mailbox) {
    return Optional.ofNullable(answers.get(mailbox));
  }

  /**
   * The answers per role present in the meeting, in the roles' order. Information copies are
   * recorded but never counted: they are not in the tallies.
   */
  public List<RoleTally> tallies() {
    Map<ParticipantRole, int[]> counts = new EnumMap<>(ParticipantRole.class);
    for (Participant participant : meeting.participants()) {
      if (participant.role() == ParticipantRole.INFORMATION) {
        continue;
      }
      int[] count = counts.computeIfAbsent(participant.role(), r -> new int[6]);
      count[0]++;
      Answer answer = answers.get(participant.mailbox());
      count[answer == null ? 5 : answer.status().ordinal() + 1]++;
    }
    List<RoleTally> tallies = new ArrayList<>();
    counts.forEach(
        (role, c) -> tallies.add(new RoleTally(role, c[0], c[1], c[2], c[3], c[4], c[5])));
    return tallies;
  }

  /** The quorum as the answers stand. */
  public QuorumStatus quorum() {
    int voters = 0;
    int accepted = 0;
    int tentative = 0;
    int pending = 0;
    for (Participant participant : meeting.participants()) {
      if (!rule.counts(participant.role())) {
        continue;
      }
      voters++;
      Answer answer = answers.get(participant.mailbox());
      if (answer == null) {
        pending++;
      } else if (answer.status() == AnswerStatus.ACCEPTED) {
        accepted++;
      } else if (answer.status() == AnswerStatus.TENTATIVE) {
        tentative++;
      }
    }
    return QuorumStatus.of(rule, voters, accepted, tentative, pending);
  }
}
