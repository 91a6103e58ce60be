package org.convene.scheduler.answer;

import java.util.Map;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.meeting.CurrentMeeting;
import org.convene.scheduler.meeting.CurrentMeetings;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is coming: readable by whoever may read the meeting (its organiser, ops). */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
class ResponsesController {

  private final CurrentMeetings meetings;
  private final AnswerRepository answers;
  private final MeetingAccess access;

  ResponsesController(CurrentMeetings meetings, AnswerRepository answers, MeetingAccess access) {
    this.meetings = meetings;
    this.answers = answers;
    this.access = access;
  }

  @GetMapping("/{id}/responses")
  @Transactional(readOnly = true)
  ResponsesView responses(@PathVariable UUID id) {
    MeetingId meetingId = MeetingId.of(id);
    CurrentMeeting current =
        meetings.find(meetingId).orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + meetingId + "."));
    access.checkCanRead(current.meeting());
    Map<Mailbox, AnswerRepository.StoredAnswer> stored = answers.answers(meetingId);
    Map<Mailbox, Answer> byMailbox = new java.util.HashMap<>();
    stored.forEach((mailbox, s) -> byMailbox.put(mailbox, s.answer()));
    MeetingAnswers meetingAnswers = new MeetingAnswers(current.meeting(), current.revision(), current.quorumRule(), byMailbox);
    return ResponsesView.of(meetingAnswers, stored, answers.uninvited(meetingId));
  }
}
