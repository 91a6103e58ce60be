package org.convene.scheduler.group;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.system.IfMatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Groups of people ({@code /api/groups}) and their invitation to meetings ({@code
 * /api/meetings/{id}/groups}). Changing a group's members changes every future meeting that invites
 * it.
 */
@RestController
class GroupController {

  private final GroupManagement groups;

  GroupController(GroupManagement groups) {
    this.groups = groups;
  }

  @PostMapping(
      path = "/api/groups",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Group> create(
      @Valid @RequestBody GroupRequests.CreateGroupRequest request, UriComponentsBuilder uri) {
    Group group = groups.create(request);
    return ResponseEntity.created(uri.path("/api/groups/{id}").build(group.id()))
        .eTag(Long.toString(group.revision()))
        .body(group);
  }

  @GetMapping(path = "/api/groups", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Group> list() {
    return groups.list();
  }

  @GetMapping(path = "/api/groups/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Group> get(@PathVariable UUID id) {
    Group group = groups.get(GroupId.of(id));
    return ResponseEntity.ok().eTag(Long.toString(group.revision())).body(group);
  }

  /** Replaces the members; needs If-Match with the group's ETag. */
  @PutMapping(
      path = "/api/groups/{id}/members",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Group> replaceMembers(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody GroupRequests.ReplaceMembersRequest request) {
    Group group = groups.replaceMembers(GroupId.of(id), IfMatch.parse(ifMatch), request.members());
    return ResponseEntity.ok().eTag(Long.toString(group.revision())).body(group);
  }

  /** Invites a group to a meeting in a role; needs If-Match with the meeting's ETag. */
  @PostMapping(
      path = "/api/meetings/{id}/groups",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> invite(
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody GroupRequests.InviteGroupRequest request) {
    return groups.invite(MeetingId.of(id), IfMatch.parse(ifMatch), request).asResponse();
  }

  /** Withdraws a group's invitation; its members who were invited only through it are removed. */
  @DeleteMapping(
      path = "/api/meetings/{id}/groups/{groupId}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MeetingView> uninvite(
      @PathVariable UUID id,
      @PathVariable UUID groupId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return groups
        .uninvite(MeetingId.of(id), IfMatch.parse(ifMatch), GroupId.of(groupId))
        .asResponse();
  }
}
