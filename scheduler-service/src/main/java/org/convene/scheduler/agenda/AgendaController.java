package org.convene.scheduler.agenda;

import jakarta.validation.Valid;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.system.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A meeting's agenda. Every change needs {@code If-Match} with the meeting's ETag and answers with
 * the whole meeting and its new ETag.
 */
@RestController
@RequestMapping(path = "/api/meetings/{id}/agenda", produces = MediaType.APPLICATION_JSON_VALUE)
class AgendaController {

  private final MeetingChanges changes;

  AgendaController(MeetingChanges changes) {
    this.changes = changes;
  }

  /** Replaces the whole agenda; items keep their identity through their ids. */
  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> replace(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody AgendaRequests.ReplaceAgendaRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) -> meeting.replaceAgenda(request.drafts(), context.limits()))
        .asResponse();
  }

  /** Adds one item, at the end or at a position. */
  @PostMapping(path = "/items", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> add(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody AgendaRequests.AddItemRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) ->
                meeting.addAgendaItem(request.toDraft(), request.position(), context.limits()))
        .asResponse();
  }

  /** Changes one item: title, presenter, duration, notes or position. */
  @PatchMapping(path = "/items/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> edit(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody AgendaRequests.EditItemRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) ->
                meeting.editAgendaItem(
                    new AgendaItemId(itemId), request.toEdit(), context.limits()))
        .asResponse();
  }

  /** Takes one item off the agenda. */
  @DeleteMapping("/items/{itemId}")
  ResponseEntity<MeetingView> remove(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) ->
                meeting.removeAgendaItem(new AgendaItemId(itemId), context.limits()))
        .asResponse();
  }
}
