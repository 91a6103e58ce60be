package org.convene.scheduler.participant;

import jakarta.validation.Valid;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.system.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A meeting's participants, addressed by e-mail. Every change needs {@code If-Match} with the
 * meeting's ETag; added people get the invitation, removed ones a cancellation.
 */
@RestController
@RequestMapping(
    path = "/api/meetings/{id}/participants",
    produces = MediaType.APPLICATION_JSON_VALUE)
class ParticipantController {

  private final MeetingChanges changes;

  ParticipantController(MeetingChanges changes) {
    this.changes = changes;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> add(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody ParticipantRequests.AddParticipantRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) -> meeting.invite(request.toParticipant(), context.limits()))
        .asResponse();
  }

  @PatchMapping(path = "/{email}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> change(
      @PathVariable UUID id,
      @PathVariable String email,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody ParticipantRequests.ChangeParticipantRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) ->
                meeting.changeParticipant(Mailbox.of(email), request.toEdit(), context.limits()))
        .asResponse();
  }

  @DeleteMapping("/{email}")
  ResponseEntity<MeetingView> remove(
      @PathVariable UUID id,
      @PathVariable String email,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) -> meeting.removeParticipant(Mailbox.of(email), context.limits()))
        .asResponse();
  }
}
