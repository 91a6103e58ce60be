package org.convene.scheduler.answer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.meeting.CurrentMeeting;
import org.convene.scheduler.meeting.CurrentMeetings;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is coming: readable by whoever may read the meeting (its organiser, ops); the quorum rule,
 * changed by the organiser.
 */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
class ResponsesController {

  private final CurrentMeetings meetings;
  private final AnswerRepository answers;
  private final MeetingAccess access;
  private final AnswerRecording recording;

  ResponsesController(
      CurrentMeetings meetings,
      AnswerRepository answers,
      MeetingAccess access,
      AnswerRecording recording) {
    this.recording = recording;
    this.meetings = meetings;
    this.answers = answers;
    this.access = access;
  }

  /**
   * A meeting's quorum rule: {@code {"kind": "MAJORITY"}}, {@code {"kind": "FRACTION", "value":
   * 15}} (percent, rounded up), {@code {"kind": "FIXED", "value": 12}}; {@code chairCounts}
   * defaults to true.
   */
  record QuorumRuleRequest(@NotNull QuorumRule.Kind kind, Integer value, Boolean chairCounts) {

    QuorumRule toRule() {
      try {
        return new QuorumRule(kind, value, chairCounts == null || chairCounts);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("value", e.getMessage());
      }
    }
  }

  @GetMapping("/{id}/responses")
  @Transactional(readOnly = true)
  ResponsesView responses(@PathVariable UUID id) {
    MeetingId meetingId = MeetingId.of(id);
    CurrentMeeting current =
        meetings
            .find(meetingId)
            .orElseThrow(
                () -> new ResourceNotFoundException("No meeting has the id " + meetingId + "."));
    access.checkCanRead(current.meeting());
    return view(current);
  }

  /** Replaces the quorum rule; the answers stay and are counted against the new rule. */
  @PutMapping(path = "/{id}/quorum", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponsesView changeQuorumRule(
      @PathVariable UUID id, @Valid @RequestBody QuorumRuleRequest request) {
    MeetingId meetingId = MeetingId.of(id);
    QuorumRule rule = request.toRule();
    recording
        .changeQuorumRule(
            meetingId,
            rule,
            current -> {
              access.checkCanChange(current.meeting());
              if (current.meeting().isCancelled()) {
                throw new ConflictException(
                    "The meeting is cancelled; its quorum no longer matters.");
              }
            })
        .orElseThrow(
            () -> new ResourceNotFoundException("No meeting has the id " + meetingId + "."));
    return responses(id);
  }

  private ResponsesView view(CurrentMeeting current) {
    MeetingId meetingId = current.meeting().id();
    Map<Mailbox, AnswerRepository.StoredAnswer> stored = answers.answers(meetingId);
    Map<Mailbox, Answer> byMailbox = new java.util.HashMap<>();
    stored.forEach((mailbox, s) -> byMailbox.put(mailbox, s.answer()));
    MeetingAnswers meetingAnswers =
        new MeetingAnswers(current.meeting(), current.revision(), current.quorumRule(), byMailbox);
    return ResponsesView.of(
        meetingAnswers, stored, answers.uninvited(meetingId), answers.proposals(meetingId));
  }
}
