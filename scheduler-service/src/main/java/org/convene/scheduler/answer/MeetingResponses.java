package org.convene.scheduler.answer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.answer.domain.QuorumStatus;
import org.convene.scheduler.answer.domain.RoleTally;
import org.convene.scheduler.meeting.CurrentMeeting;
import org.convene.scheduler.meeting.CurrentMeetings;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is coming, for the organisers' pages: the same counting as the API's responses (the answer
 * rules' own tallies and quorum), shaped for a page. Read-only and without access rules: the page
 * has checked that the caller may read the meeting.
 */
@Component
public class MeetingResponses {

  /** One person's newest answer. */
  public record PersonAnswer(
      AnswerStatus status,
      String delegatedTo,
      Instant answeredAt,
      Channel channel,
      long answeredRevision,
      boolean current,
      String comment) {}

  /**
   * The answers to a meeting at its current revision.
   *
   * @param byMailbox keyed by the participant's {@link Mailbox#key()}; who has not answered is
   *     missing
   */
  public record Responses(
      long revision,
      QuorumStatus quorum,
      List<RoleTally> tallies,
      Map<String, PersonAnswer> byMailbox) {

    public PersonAnswer of(String email) {
      return byMailbox.get(Mailbox.of(email).key());
    }
  }

  private final CurrentMeetings meetings;
  private final AnswerRepository answers;

  MeetingResponses(CurrentMeetings meetings, AnswerRepository answers) {
    this.meetings = meetings;
    this.answers = answers;
  }

  @Transactional(readOnly = true)
  public Optional<Responses> of(MeetingId id) {
    return meetings.find(id).map(this::responses);
  }

  private Responses responses(CurrentMeeting current) {
    Map<Mailbox, AnswerRepository.StoredAnswer> stored = answers.answers(current.meeting().id());
    Map<Mailbox, Answer> byMailbox = new HashMap<>();
    stored.forEach((mailbox, s) -> byMailbox.put(mailbox, s.answer()));
    MeetingAnswers meetingAnswers =
        new MeetingAnswers(current.meeting(), current.revision(), current.quorumRule(), byMailbox);
    Map<String, PersonAnswer> shown = new HashMap<>();
    current
        .meeting()
        .participants()
        .forEach(
            p ->
                meetingAnswers
                    .answerOf(p.mailbox())
                    .ifPresent(
                        a ->
                            shown.put(
                                p.mailbox().key(),
                                new PersonAnswer(
                                    a.status(),
                                    a.delegatedTo() == null ? null : a.delegatedTo().address(),
                                    a.answeredAt(),
                                    a.channel(),
                                    a.revision(),
                                    a.revision() == current.revision(),
                                    a.comment()))));
    return new Responses(
        current.revision(), meetingAnswers.quorum(), meetingAnswers.tallies(), Map.copyOf(shown));
  }
}
