package org.convene.scheduler.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.scheduler.meeting.MeetingChange;
import org.convene.scheduler.meeting.MeetingEdit;
import org.convene.scheduler.meeting.MeetingRules;

/**
 * Recomputes a meeting's participants from its direct invitations and the current members of
 * the groups it invites. A direct invitation wins over a group's; a member who left a group but
 * presents an agenda item stays invited (directly), so the agenda keeps its presenter.
 */
final class GroupExpansion {

  private GroupExpansion() {}

  static MeetingChange recompute(MeetingSnapshot meeting, List<GroupRepository.Invitation> invitations) {
    Set<String> presenters = new HashSet<>();
    for (AgendaItem item : meeting.agenda()) {
      if (item.presenterEmail() != null) {
        presenters.add(MeetingRules.normalise(item.presenterEmail()));
      }
    }
    Map<String, Participant> next = new LinkedHashMap<>();
    for (Participant p : meeting.participants()) {
      if (p.group() == null) {
        next.put(MeetingRules.normalise(p.email()), p);
      }
    }
    for (GroupRepository.Invitation invitation : invitations) {
      for (Group.Member member : invitation.members()) {
        next.putIfAbsent(MeetingRules.normalise(member.email()),
            new Participant(member.name(), member.email(), invitation.role(), member.language(), member.timeZone(), invitation.groupName()));
      }
    }
    for (Participant p : meeting.participants()) {
      String email = MeetingRules.normalise(p.email());
      if (p.group() != null && !next.containsKey(email) && presenters.contains(email)) {
        next.put(email, new Participant(p.name(), p.email(), p.role(), p.language(), p.timeZone(), null));
      }
    }
    Map<String, Participant> before = new LinkedHashMap<>();
    meeting.participants().forEach(p -> before.put(MeetingRules.normalise(p.email()), p));
    List<Participant> added = new ArrayList<>();
    List<Participant> removed = new ArrayList<>();
    next.forEach((email, p) -> {
      if (!before.containsKey(email)) {
        added.add(p);
      }
    });
    before.forEach((email, p) -> {
      if (!next.containsKey(email)) {
        removed.add(p);
      }
    });
    List<Participant> participants = List.copyOf(next.values());
    if (participants.equals(meeting.participants())) {
      return MeetingChange.none(meeting);
    }
    MeetingSnapshot after = MeetingEdit.of(meeting).participants(participants).build();
    return new MeetingChange(after, false, (e, m, r, t, s) -> new ParticipantsChanged(e, m, r, t, s, added, removed, List.of()));
  }
}
