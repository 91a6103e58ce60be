package org.convene.scheduler.answer.domain;

import java.util.List;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.Participant;

/** What an answer came to. */
public sealed interface AnswerOutcome {

  /**
   * The answer is the person's newest and was recorded.
   *
   * @param previous their answer before; {@code null} for their first
   * @param tallies the answers per role after it
   */
  record Recorded(
      Meeting meeting,
      long revision,
      Participant participant,
      Answer answer,
      Answer previous,
      List<RoleTally> tallies,
      QuorumStatus quorumBefore,
      QuorumStatus quorumAfter)
      implements AnswerOutcome {

    public boolean quorumChanged() {
      return quorumBefore.state() != quorumAfter.state();
    }

    public QuorumMoved quorumMoved() {
      return new QuorumMoved(meeting, revision, quorumBefore, quorumAfter);
    }
  }

  /** The person already gave a newer answer (or this very one): it stays. */
  record Superseded(Answer kept) implements AnswerOutcome {}

  /** The person is not invited: kept for the organiser, never added to the meeting. */
  record Uninvited(Answer answer) implements AnswerOutcome {}

  /** The answer cannot be taken; the reason is kept for ops. */
  record Refused(String reason) implements AnswerOutcome {}
}
