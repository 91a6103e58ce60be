package org.convene.scheduler.answer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.scheduler.answer.AnswerRepository.StoredAnswer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.answer.domain.Proposal;
import org.convene.scheduler.answer.domain.QuorumState;
import org.convene.scheduler.answer.domain.QuorumStatus;
import org.convene.scheduler.answer.domain.RoleTally;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.QuorumRule;

/**
 * Who is coming to a meeting: each participant's answer, the tallies per role, the quorum, the
 * answers of people the meeting does not invite, the people answers were delegated to who are not
 * invited, and the other times proposed by calendars.
 *
 * @param revision the meeting's current revision; an answer whose {@code answeredRevision} is older
 *     was given to an earlier version of the meeting
 */
record ResponsesView(
    UUID meetingId,
    long revision,
    QuorumView quorum,
    List<RoleTally> tallies,
    List<ParticipantAnswer> participants,
    List<UninvitedAnswer> uninvited,
    List<Delegate> delegates,
    List<ProposedTime> proposals) {

  /**
   * One participant and their answer; {@code answer} is {@code null} (and so are the fields that
   * describe it) while they have not answered.
   *
   * @param current whether the answer is to the meeting's current revision
   */
  record ParticipantAnswer(
      String email,
      String name,
      ParticipantRole role,
      AnswerStatus answer,
      String delegatedTo,
      Instant answeredAt,
      Channel channel,
      Long answeredRevision,
      Boolean current,
      String comment,
      Instant recordedAt) {}

  /** An answer from somebody the meeting does not invite; never added to the meeting. */
  record UninvitedAnswer(
      String email,
      AnswerStatus answer,
      Instant answeredAt,
      Channel channel,
      long answeredRevision,
      String comment) {}

  /**
   * Somebody a participant delegated their invitation to who is not invited: unknown to the
   * meeting, listed for the organiser to invite or not; never added by the delegation.
   *
   * @param delegatedBy the participant who delegated
   */
  record Delegate(String email, String delegatedBy) {}

  /**
   * Another time proposed by a participant's calendar (iTIP COUNTER); the meeting stays as it is
   * until the organiser changes it.
   *
   * @param current whether the proposal was made to the meeting's current revision
   */
  record ProposedTime(
      String email,
      Instant start,
      Instant end,
      long answeredRevision,
      boolean current,
      Instant proposedAt,
      String comment) {}

  /** The quorum rule and where the answers leave it. */
  record QuorumView(
      QuorumRule.Kind kind,
      Integer value,
      boolean chairCounts,
      int voters,
      int required,
      int accepted,
      int tentative,
      int pending,
      QuorumState state) {

    static QuorumView of(QuorumStatus status) {
      QuorumRule rule = status.rule();
      return new QuorumView(
          rule.kind(),
          rule.value(),
          rule.chairCounts(),
          status.voters(),
          status.required(),
          status.accepted(),
          status.tentative(),
          status.pending(),
          status.state());
    }
  }

  static ResponsesView of(
      MeetingAnswers answers,
      Map<Mailbox, StoredAnswer> stored,
      List<StoredAnswer> uninvited,
      List<Proposal> proposals) {
    List<ParticipantAnswer> participants =
        answers.meeting().participants().stream()
            .map(
                p -> {
                  StoredAnswer s = stored.get(p.mailbox());
                  if (s == null) {
                    return new ParticipantAnswer(
                        p.mailbox().address(),
                        p.name(),
                        p.role(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
                  }
                  var a = s.answer();
                  return new ParticipantAnswer(
                      p.mailbox().address(),
                      p.name(),
                      p.role(),
                      a.status(),
                      a.delegatedTo() == null ? null : a.delegatedTo().address(),
                      a.answeredAt(),
                      a.channel(),
                      a.revision(),
                      a.revision() == answers.revision(),
                      a.comment(),
                      s.recordedAt());
                })
            .toList();
    return new ResponsesView(
        answers.meeting().id().value(),
        answers.revision(),
        QuorumView.of(answers.quorum()),
        answers.tallies(),
        participants,
        uninvited.stream()
            .map(
                u ->
                    new UninvitedAnswer(
                        u.answer().attendee().address(),
                        u.answer().status(),
                        u.answer().answeredAt(),
                        u.answer().channel(),
                        u.answer().revision(),
                        u.answer().comment()))
            .toList(),
        delegates(answers, stored),
        proposals.stream()
            .map(
                p ->
                    new ProposedTime(
                        p.attendee().address(),
                        p.start(),
                        p.end(),
                        p.revision(),
                        p.revision() == answers.revision(),
                        p.proposedAt(),
                        p.comment()))
            .toList());
  }

  /** The delegates of participants' current answers who are not invited themselves, each once. */
  private static List<Delegate> delegates(
      MeetingAnswers answers, Map<Mailbox, StoredAnswer> stored) {
    Map<Mailbox, Delegate> delegates = new java.util.LinkedHashMap<>();
    for (var participant : answers.meeting().participants()) {
      StoredAnswer s = stored.get(participant.mailbox());
      if (s == null
          || s.answer().status() != AnswerStatus.DELEGATED
          || s.answer().delegatedTo() == null
          || answers.participant(s.answer().delegatedTo()).isPresent()) {
        continue;
      }
      Mailbox delegate = s.answer().delegatedTo();
      delegates.putIfAbsent(
          delegate, new Delegate(delegate.address(), participant.mailbox().address()));
    }
    return List.copyOf(delegates.values());
  }
}
