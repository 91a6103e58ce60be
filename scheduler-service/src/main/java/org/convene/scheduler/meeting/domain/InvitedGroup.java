package org.convene.scheduler.meeting.domain;

import java.util.List;
import java.util.Objects;

/** A group a meeting invites, with the role its members take and its current members. */
public record InvitedGroup(GroupId id, String name, ParticipantRole role, List<Member> members) {

  public InvitedGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    members = List.copyOf(members);
  }

  /** One member of the group. */
  public record Member(String name, Mailbox mailbox, String language, String timeZone) {}
}
