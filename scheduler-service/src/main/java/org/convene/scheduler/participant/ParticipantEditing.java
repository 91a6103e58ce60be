package org.convene.scheduler.participant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;
import org.convene.scheduler.meeting.MeetingChange;
import org.convene.scheduler.meeting.MeetingEdit;
import org.convene.scheduler.meeting.MeetingRules;
import org.convene.scheduler.participant.ParticipantRequests.AddParticipantRequest;
import org.convene.scheduler.participant.ParticipantRequests.ChangeParticipantRequest;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.FieldProblems;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.stereotype.Component;

/** Turns participant requests into a new participant list and a {@link ParticipantsChanged}. */
@Component
class ParticipantEditing {

  private final MeetingRules rules;

  ParticipantEditing(MeetingRules rules) {
    this.rules = rules;
  }

  MeetingChange add(MeetingSnapshot meeting, AddParticipantRequest request) {
    if (find(meeting, request.email()) >= 0) {
      throw new ConflictException(request.email().strip() + " is already invited to this meeting.");
    }
    List<Participant> participants = new ArrayList<>(meeting.participants());
    List<RoleChange> roleChanges = new ArrayList<>();
    if (request.role() == ParticipantRole.CHAIR) {
      demoteChair(participants, roleChanges);
    }
    Participant added = new Participant(request.name().strip(), request.email().strip(), request.role(), request.language(),
        request.timeZone());
    participants.add(added);
    return change(meeting, participants, List.of(added), List.of(), roleChanges);
  }

  MeetingChange remove(MeetingSnapshot meeting, String email) {
    int index = require(meeting, email);
    Participant removed = meeting.participants().get(index);
    if (removed.role() == ParticipantRole.CHAIR) {
      throw new ConflictException(removed.email() + " chairs the meeting: make somebody else chair first.");
    }
    List<String> presented = meeting.agenda().stream()
        .filter(item -> item.presenterEmail() != null && MeetingRules.normalise(item.presenterEmail()).equals(MeetingRules.normalise(email)))
        .map(AgendaItem::title)
        .toList();
    if (!presented.isEmpty()) {
      throw new ConflictException(removed.email() + " presents " + presented + ": change the presenter first.");
    }
    List<Participant> participants = new ArrayList<>(meeting.participants());
    participants.remove(index);
    return change(meeting, participants, List.of(), List.of(removed), List.of());
  }

  MeetingChange change(MeetingSnapshot meeting, String email, ChangeParticipantRequest request) {
    int index = require(meeting, email);
    List<Participant> participants = new ArrayList<>(meeting.participants());
    Participant old = participants.get(index);
    ParticipantRole role = request.role() == null ? old.role() : request.role();
    List<RoleChange> roleChanges = new ArrayList<>();
    if (old.role() == ParticipantRole.CHAIR && role != ParticipantRole.CHAIR) {
      throw new ConflictException(old.email() + " chairs the meeting: make somebody else chair instead.");
    }
    if (role == ParticipantRole.CHAIR && old.role() != ParticipantRole.CHAIR) {
      demoteChair(participants, roleChanges);
    }
    Participant changed = new Participant(
        request.name() == null ? old.name() : request.name().strip(),
        old.email(),
        role,
        request.language() == null ? old.language() : request.language(),
        request.timeZone() == null ? old.timeZone() : request.timeZone(),
        old.group());
    participants.set(index, changed);
    if (role != old.role()) {
      roleChanges.add(new RoleChange(old.email(), changed.name(), old.role(), role));
    }
    if (changed.equals(old) && roleChanges.isEmpty()) {
      return MeetingChange.none(meeting);
    }
    return change(meeting, participants, List.of(), List.of(), roleChanges);
  }

  private MeetingChange change(
      MeetingSnapshot meeting, List<Participant> participants, List<Participant> added, List<Participant> removed, List<RoleChange> roleChanges) {
    FieldProblems problems = new FieldProblems();
    rules.checkParticipants(participants, "participants", problems);
    problems.throwIfAny();
    MeetingSnapshot after = MeetingEdit.of(meeting).participants(participants).build();
    return new MeetingChange(after, false, (e, m, r, t, s) -> new ParticipantsChanged(e, m, r, t, s, added, removed, roleChanges));
  }

  /** The current chair becomes a voting member, reported as a role change. */
  private static void demoteChair(List<Participant> participants, List<RoleChange> roleChanges) {
    for (int i = 0; i < participants.size(); i++) {
      Participant p = participants.get(i);
      if (p.role() == ParticipantRole.CHAIR) {
        participants.set(i, new Participant(p.name(), p.email(), ParticipantRole.VOTING, p.language(), p.timeZone(), p.group()));
        roleChanges.add(new RoleChange(p.email(), p.name(), ParticipantRole.CHAIR, ParticipantRole.VOTING));
      }
    }
  }

  private static int require(MeetingSnapshot meeting, String email) {
    int index = find(meeting, email);
    if (index < 0) {
      throw new ResourceNotFoundException(email + " is not invited to this meeting.");
    }
    return index;
  }

  private static int find(MeetingSnapshot meeting, String email) {
    String wanted = MeetingRules.normalise(Objects.requireNonNull(email));
    for (int i = 0; i < meeting.participants().size(); i++) {
      if (MeetingRules.normalise(meeting.participants().get(i).email()).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }
}
