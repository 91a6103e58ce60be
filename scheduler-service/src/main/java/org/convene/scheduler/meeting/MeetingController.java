package org.convene.scheduler.meeting;

import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The organisers' API for meetings. The ETag of a meeting is its revision. */
@RestController
@RequestMapping(path = "/api/meetings", produces = MediaType.APPLICATION_JSON_VALUE)
class MeetingController {

  private final MeetingScheduling scheduling;

  MeetingController(MeetingScheduling scheduling) {
    this.scheduling = scheduling;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> schedule(@Valid @RequestBody ScheduleMeetingRequest request, UriComponentsBuilder uri) {
    MeetingView meeting = scheduling.schedule(request);
    return ResponseEntity.created(uri.path("/api/meetings/{id}").build(meeting.id()))
        .eTag(Long.toString(meeting.revision()))
        .body(meeting);
  }

  @GetMapping("/{id}")
  ResponseEntity<MeetingView> get(@PathVariable UUID id) {
    MeetingView meeting = scheduling.get(id);
    return ResponseEntity.ok().eTag(Long.toString(meeting.revision())).body(meeting);
  }
}
