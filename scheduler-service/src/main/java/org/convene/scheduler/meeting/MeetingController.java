package org.convene.scheduler.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The organisers' API for meetings. The ETag of a meeting is its revision. */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
class MeetingController {

  private final MeetingScheduling scheduling;
  private final MeetingChanges changes;

  MeetingController(MeetingScheduling scheduling, MeetingChanges changes) {
    this.scheduling = scheduling;
    this.changes = changes;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> schedule(
      @Valid @RequestBody ScheduleMeetingRequest request, UriComponentsBuilder uri) {
    MeetingView meeting = scheduling.schedule(request);
    return ResponseEntity.created(uri.path("/api/meetings/{id}").build(meeting.id()))
        .eTag(Long.toString(meeting.revision()))
        .body(meeting);
  }

  /**
   * Lists meetings that overlap [from, to), by organiser and status, ordered by start time. {@code
   * from} and {@code to} are instants with an offset, such as 2026-12-01T00:00:00+08:00.
   */
  @GetMapping
  MeetingPage list(
      @RequestParam(required = false) OffsetDateTime from,
      @RequestParam(required = false) OffsetDateTime to,
      @RequestParam(required = false) @MailboxAddress String organiser,
      @RequestParam(required = false) MeetingStatus status,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidRequestException("to", "must be after from");
    }
    return scheduling.list(
        new MeetingRepository.Criteria(from, to, Mailbox.ofNullable(organiser), status),
        page,
        size);
  }

  @GetMapping("/{id}")
  ResponseEntity<MeetingView> get(@PathVariable UUID id) {
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    return meeting.asResponse();
  }

  /** Replaces title, description, location, online link and documents. */
  @PutMapping(path = "/{id}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> changeDetails(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody ChangeRequests.ChangeDetailsRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) -> meeting.changeDetails(request.toDraft()))
        .asResponse();
  }

  /** Moves the meeting to another start, end or time zone. */
  @PutMapping(path = "/{id}/time", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> reschedule(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody ChangeRequests.RescheduleRequest request) {
    return changes
        .apply(
            MeetingId.of(id),
            IfMatch.parse(ifMatch),
            (meeting, context) ->
                meeting.reschedule(
                    request.toTime(),
                    request.offsets(),
                    context.limits(),
                    context.clock().instant()))
        .asResponse();
  }

  /** Calls the meeting off, with an optional reason; every participant is told. */
  @PostMapping(path = "/{id}/cancel")
  ResponseEntity<MeetingView> cancel(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) ChangeRequests.CancelRequest request) {
    String reason = request == null ? null : request.reason();
    return changes
        .apply(
            MeetingId.of(id), IfMatch.parse(ifMatch), (meeting, context) -> meeting.cancel(reason))
        .asResponse();
  }
}
