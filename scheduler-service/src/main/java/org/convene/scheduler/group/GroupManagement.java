package org.convene.scheduler.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convene.events.MeetingId;
import org.convene.scheduler.group.GroupRequests.MemberRequest;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.meeting.domain.InvitedGroup;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.FieldProblems;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups and their use in meetings. A membership change reaches every future meeting that invites
 * the group in the same transaction, each with its own ParticipantsChanged event.
 */
@Service
public class GroupManagement {

  private final GroupRepository groups;
  private final MeetingChanges meetings;
  private final MeetingAccess access;

  GroupManagement(GroupRepository groups, MeetingChanges meetings, MeetingAccess access) {
    this.groups = groups;
    this.meetings = meetings;
    this.access = access;
  }

  @Transactional
  public Group create(GroupRequests.CreateGroupRequest request) {
    String name = request.name().strip();
    if (groups.nameTaken(name)) {
      throw new ConflictException("A group named " + name + " exists already.");
    }
    GroupId id = GroupId.random();
    groups.create(id, name, access.caller().mailbox(), members(request.members()));
    return groups.find(id, false).orElseThrow();
  }

  @Transactional(readOnly = true)
  public Group get(GroupId id) {
    return groups.find(id, false).orElseThrow(() -> notFound(id));
  }

  @Transactional(readOnly = true)
  public List<Group> list() {
    return groups.list();
  }

  @Transactional
  public Group replaceMembers(GroupId id, IfMatch ifMatch, List<MemberRequest> requested) {
    Group group = groups.find(id, true).orElseThrow(() -> notFound(id));
    if (!access.caller().mailbox().equals(Mailbox.of(group.owner()))) {
      throw new AccessDeniedException("Only the owner of the group can change its members.");
    }
    ifMatch.check(group.revision());
    groups.replaceMembers(id, group.revision() + 1, members(requested));
    for (MeetingId meeting : groups.meetingsInviting(id)) {
      meetings.applyOnBehalfOfSystem(
          meeting, current -> current.regroup(groups.invitationsOf(meeting)));
    }
    return groups.find(id, false).orElseThrow();
  }

  @Transactional
  public MeetingView invite(
      MeetingId meetingId, IfMatch ifMatch, GroupRequests.InviteGroupRequest request) {
    if (request.role() == ParticipantRole.CHAIR) {
      throw new InvalidRequestException(
          "role", "a group cannot chair a meeting; invite the chair in person");
    }
    GroupId groupId = GroupId.of(request.groupId());
    groups.find(groupId, false).orElseThrow(() -> notFound(groupId));
    return meetings.apply(
        meetingId,
        ifMatch,
        (meeting, context) -> {
          groups.invite(meetingId, groupId, request.role());
          return meeting.regroup(groups.invitationsOf(meetingId), context.limits());
        });
  }

  @Transactional
  public MeetingView uninvite(MeetingId meetingId, IfMatch ifMatch, GroupId groupId) {
    return meetings.apply(
        meetingId,
        ifMatch,
        (meeting, context) -> {
          if (!groups.uninvite(meetingId, groupId)) {
            throw new ResourceNotFoundException(
                "The meeting does not invite the group " + groupId + ".");
          }
          return meeting.regroup(groups.invitationsOf(meetingId), context.limits());
        });
  }

  /** The groups a meeting invites, each with its role, for the meeting's page. */
  @Transactional(readOnly = true)
  public List<InvitedGroup> invitedTo(MeetingId meetingId) {
    return groups.invitationsOf(meetingId);
  }

  private static List<Group.Member> members(List<MemberRequest> requested) {
    FieldProblems problems = new FieldProblems();
    Set<Mailbox> seen = new HashSet<>();
    List<Group.Member> members = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      MemberRequest m = requested.get(i);
      if (!seen.add(Mailbox.of(m.email()))) {
        problems.add("members[" + i + "].email", "appears more than once in the group");
      }
      members.add(
          new Group.Member(m.name().strip(), m.email().strip(), m.language(), m.timeZone()));
    }
    problems.throwIfAny();
    return members;
  }

  private static ResourceNotFoundException notFound(GroupId id) {
    return new ResourceNotFoundException("No group has the id " + id + ".");
  }
}
