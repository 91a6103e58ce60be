package org.convene.scheduler.answer;

import java.time.Clock;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.answer.domain.QuorumMoved;
import org.convene.scheduler.meeting.MeetingRevised;
import org.convene.scheduler.meeting.QuorumRules;
import org.convene.scheduler.outbox.Outbox;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Inviting or removing a voting member, or changing someone's role, moves the quorum as surely as
 * an answer does: when it moves the state, that is published too, after the meeting's own event and
 * at its new revision, in the change's transaction.
 */
@Component
class QuorumFollowsParticipants {

  private final AnswerRepository answers;
  private final QuorumRules quorumRules;
  private final Outbox outbox;
  private final Clock clock;

  QuorumFollowsParticipants(
      AnswerRepository answers, QuorumRules quorumRules, Outbox outbox, Clock clock) {
    this.answers = answers;
    this.quorumRules = quorumRules;
    this.outbox = outbox;
    this.clock = clock;
  }

  @EventListener
  void on(MeetingRevised revised) {
    if (revised.after().isCancelled()
        || revised.before().participants().equals(revised.after().participants())) {
      return;
    }
    var id = revised.after().id();
    var rule = quorumRules.of(id);
    var stored =
        new java.util.HashMap<
            org.convene.scheduler.meeting.domain.Mailbox,
            org.convene.scheduler.answer.domain.Answer>();
    answers.answers(id).forEach((mailbox, s) -> stored.put(mailbox, s.answer()));
    MeetingAnswers before =
        new MeetingAnswers(revised.before(), revised.revision() - 1, rule, stored);
    MeetingAnswers after = new MeetingAnswers(revised.after(), revised.revision(), rule, stored);
    outbox.append(
        new QuorumMoved(revised.after(), revised.revision(), before.quorum(), after.quorum()),
        clock.instant());
  }
}
