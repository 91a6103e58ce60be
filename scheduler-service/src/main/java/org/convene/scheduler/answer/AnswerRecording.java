package org.convene.scheduler.answer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records answers, whatever the channel: the answer, its event and the quorum's change are
 * committed together, under the meeting's row lock so that answers and changes of the meeting are
 * decided one at a time.
 */
@Service
public class AnswerRecording {

  /** The key of this transaction's meetings read and locked, as a transaction resource. */
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
   * poll are recorded in one transaction, dozens to the same meeting: the meeting is read and
   * locked once per transaction ({@link #lockedInThisTransaction}).
   */
  @Transactional
  public AnswerOutcome record(MeetingId id, Answer answer) {
    Optional<CurrentMeeting> current = lockedInThisTransaction(id);
    if (current.isEmpty()) {
      return new AnswerOutcome.Refused("No meeting has the id " + id);
    }
    return decide(current.get(), answer);
  }

  /** Records an answer given on the person's answer page: to the meeting as it stands now. */
  @Transactional
  public AnswerOutcome recordByLink(
      MeetingId id, Mailbox attendee, AnswerStatus status, String comment) {
    Optional<CurrentMeeting> current = meetings.findLocked(id);
    if (current.isEmpty()) {
      return new AnswerOutcome.Refused("No meeting has the id " + id);
    }
    Answer answer =
        new Answer(
            attendee,
            status,
            null,
            current.get().revision(),
            clock.instant(),
            Channel.LINK,
            comment);
    return decide(current.get(), answer);
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
   * The meeting as this transaction read and locked it, read on the first call only: under its row
   * lock nobody else can change it until the transaction ends, and answers never change it (they do
   * not revise the meeting), so each further reply to it in the same poll is spared parsing the
   * whole document again. Only answers are recorded in such a transaction; a change of the meeting
   * in it would have to read the meeting anew.
   */
  private Optional<CurrentMeeting> lockedInThisTransaction(MeetingId id) {
    @SuppressWarnings("unchecked")
    Map<MeetingId, Optional<CurrentMeeting>> locked =
        (Map<MeetingId, Optional<CurrentMeeting>>)
            TransactionSynchronizationManager.getResource(LOCKED_MEETINGS);
    if (locked == null) {
      locked = new HashMap<>();
      TransactionSynchronizationManager.bindResource(LOCKED_MEETINGS, locked);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(LOCKED_MEETINGS);
            }
          });
    }
    Optional<CurrentMeeting> known = locked.get(id);
    if (known == null) {
      known = meetings.findLocked(id);
      locked.put(id, known);
    }
    return known;
  }

  private AnswerOutcome decide(CurrentMeeting current, Answer answer) {
    AnswerOutcome outcome = answersOf(current).answer(answer);
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
