package org.convene.scheduler.meeting.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a meeting's participants from its direct invitations and the current members of the
 * groups it invites. A direct invitation wins over a group's; a member who left a group but
 * presents an agenda item stays invited (directly), so the agenda keeps its presenter.
 */
final class GroupExpansion {

  private GroupExpansion() {}

  /** The participants after expansion, in order: direct ones, then each group's new members. */
  static List<Participant> expand(
      List<Participant> current, List<AgendaItem> agenda, List<InvitedGroup> groups) {
    Set<Mailbox> presenters = new HashSet<>();
    for (AgendaItem item : agenda) {
      if (item.presenter() != null) {
        presenters.add(item.presenter());
      }
    }
    Map<Mailbox, Participant> next = new LinkedHashMap<>();
    for (Participant p : current) {
      if (p.group() == null) {
        next.put(p.mailbox(), p);
      }
    }
    for (InvitedGroup group : groups) {
      for (InvitedGroup.Member member : group.members()) {
        next.putIfAbsent(
            member.mailbox(),
            new Participant(
                member.name(),
                member.mailbox(),
                group.role(),
                member.language(),
                member.timeZone(),
                group.name()));
      }
    }
    for (Participant p : current) {
      if (p.group() != null && !next.containsKey(p.mailbox()) && presenters.contains(p.mailbox())) {
        next.put(p.mailbox(), p.invitedDirectly());
      }
    }
    return List.copyOf(next.values());
  }

  /** Who is new and who is gone, as a change; added in the new order, removed in the old. */
  static MeetingChange.ParticipantsChanged difference(
      List<Participant> before, List<Participant> after) {
    Set<Mailbox> was = new HashSet<>();
    before.forEach(p -> was.add(p.mailbox()));
    Set<Mailbox> is = new HashSet<>();
    after.forEach(p -> is.add(p.mailbox()));
    List<Participant> added = new ArrayList<>();
    after.stream().filter(p -> !was.contains(p.mailbox())).forEach(added::add);
    List<Participant> removed = new ArrayList<>();
    before.stream().filter(p -> !is.contains(p.mailbox())).forEach(removed::add);
    return new MeetingChange.ParticipantsChanged(added, removed, List.of());
  }
}
