package org.convene.scheduler.answer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.answer.domain.Proposal;
import org.convene.scheduler.answer.domain.ProposalOutcome;
import org.convene.scheduler.answer.domain.QuorumMoved;
import org.convene.scheduler.meeting.CurrentMeeting;
import org.convene.scheduler.meeting.CurrentMeetings;
import org.convene.scheduler.meeting.QuorumRules;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.outbox.Outbox;
import org.convene.scheduler.system.TransactionScoped;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records answers, whatever the channel: the answer, its event and the quorum's change are
 * committed together, under the meeting's row lock so that answers and changes of the meeting are
 * decided one at a time.
 */
@Service
public class AnswerRecording {

  /** The key of this transaction's meetings read and locked, with their answers. */
  private static final Object LOCKED_MEETINGS = AnswerRecording.class.getName() + ".locked";

  private final CurrentMeetings meetings;
  private final AnswerRepository answers;
  private final Outbox outbox;
  private final Clock clock;
  private final QuorumRules quorumRules;

  AnswerRecording(
      CurrentMeetings meetings,
      AnswerRepository answers,
      Outbox outbox,
      Clock clock,
      QuorumRules quorumRules) {
    this.meetings = meetings;
    this.quorumRules = quorumRules;
    this.answers = answers;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records an answer that names the revision it answers (a calendar reply). The replies of one
   * poll are recorded in one transaction, dozens to the same meeting: the meeting and its answers
   * are read and locked once per transaction ({@link #lockedInThisTransaction}), and each answer
   * recorded is added to what was read.
   */
  @Transactional
  public AnswerOutcome record(MeetingId id, Answer answer) {
    return record(id, current -> answer);
  }

  /**
   * Records an answer given on the person's answer page: to the meeting as it stands now. Several
   * in one transaction share one read and lock of the meeting, as calendar replies do.
   */
  @Transactional
  public AnswerOutcome recordByLink(
      MeetingId id, Mailbox attendee, AnswerStatus status, String comment) {
    return record(
        id,
        current ->
            new Answer(
                attendee,
                status,
                null,
                current.revision(),
                clock.instant(),
                Channel.LINK,
                comment));
  }

  private AnswerOutcome record(MeetingId id, Function<MeetingAnswers, Answer> answerTo) {
    Map<MeetingId, Optional<MeetingAnswers>> locked =
        TransactionScoped.get(LOCKED_MEETINGS, HashMap::new);
    Optional<MeetingAnswers> current = locked.computeIfAbsent(id, this::lockedInThisTransaction);
    if (current.isEmpty()) {
      return new AnswerOutcome.Refused("No meeting has the id " + id);
    }
    AnswerOutcome outcome = decide(current.get(), answerTo.apply(current.get()));
    if (outcome instanceof AnswerOutcome.Recorded recorded) {
      locked.put(id, Optional.of(current.get().with(recorded.answer())));
    }
    return outcome;
  }

  /**
   * Keeps a proposal of another time for the organiser; the meeting and its answers stay as they
   * are, so nothing is published.
   */
  @Transactional
  public ProposalOutcome propose(MeetingId id, Proposal proposal) {
    Optional<CurrentMeeting> current = meetings.findLocked(id);
    if (current.isEmpty()) {
      return new ProposalOutcome.Refused("No meeting has the id " + id);
    }
    ProposalOutcome outcome = answersOf(current.get()).propose(proposal);
    if (outcome instanceof ProposalOutcome.Kept kept) {
      answers.saveProposal(id, kept.proposal(), clock.instant());
    }
    return outcome;
  }

  /**
   * Counts the meeting's answers against a new quorum rule from now on; publishes the new rule with
   * the figures it gives, and the quorum's change of state if the rule moved it. {@code check} may
   * refuse (ownership, a cancelled meeting).
   */
  @Transactional
  public Optional<MeetingAnswers> changeQuorumRule(
      MeetingId id, QuorumRule rule, java.util.function.Consumer<CurrentMeeting> check) {
    Optional<CurrentMeeting> current = meetings.findLocked(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    check.accept(current.get());
    MeetingAnswers before = answersOf(current.get());
    MeetingAnswers after = before.withRule(rule);
    quorumRules.save(id, rule);
    outbox.appendRuleChange(
        new QuorumMoved(
            current.get().meeting(), current.get().revision(), before.quorum(), after.quorum()),
        clock.instant());
    return Optional.of(after);
  }

  /** The answers to a meeting as they stand, with its current revision. */
  @Transactional(readOnly = true)
  public Optional<MeetingAnswers> answers(MeetingId id) {
    return meetings.find(id).map(this::answersOf);
  }

  /**
   * The meeting and its answers as this transaction read and locked them, on the first reply to it
   * only: under its row lock nobody else can change the meeting or its answers until the
   * transaction ends, and answers never change the meeting (they do not revise it), so each further
   * reply to it in the same poll is spared parsing the whole document and reading every answer
   * again. Only answers are recorded in such a transaction; a change of the meeting in it would
   * have to read the meeting anew.
   */
  private Optional<MeetingAnswers> lockedInThisTransaction(MeetingId id) {
    return meetings.findLocked(id).map(this::answersOf);
  }

  private AnswerOutcome decide(MeetingAnswers current, Answer answer) {
    AnswerOutcome outcome = current.answer(answer);
    Instant now = clock.instant();
    switch (outcome) {
      case AnswerOutcome.Recorded recorded -> {
        answers.save(current.meeting().id(), recorded.answer(), now);
        outbox.append(recorded, now);
      }
      case AnswerOutcome.Uninvited uninvited ->
          answers.saveUninvited(current.meeting().id(), uninvited.answer(), now);
      case AnswerOutcome.Superseded ignored -> {
        // The newer answer stays; nothing to store.
      }
      case AnswerOutcome.Refused ignored -> {
        // Nothing is stored for the meeting; the caller keeps the reason.
      }
    }
    return outcome;
  }

  private MeetingAnswers answersOf(CurrentMeeting current) {
    Map<Mailbox, Answer> stored = new HashMap<>();
    answers
        .answers(current.meeting().id())
        .forEach((mailbox, s) -> stored.put(mailbox, s.answer()));
    return new MeetingAnswers(current.meeting(), current.revision(), current.quorumRule(), stored);
  }
}
