package org.convene.scheduler.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange;
import org.convene.events.MeetingSnapshot;
import org.convene.scheduler.agenda.AgendaRequests.AddItemRequest;
import org.convene.scheduler.agenda.AgendaRequests.EditItemRequest;
import org.convene.scheduler.agenda.AgendaRequests.ItemRequest;
import org.convene.scheduler.meeting.MeetingChange;
import org.convene.scheduler.meeting.MeetingEdit;
import org.convene.scheduler.meeting.MeetingRules;
import org.convene.scheduler.system.FieldProblems;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.stereotype.Component;

/** Turns agenda requests into a new agenda and an {@link AgendaChanged} that says what moved. */
@Component
class AgendaEditing {

  private final MeetingRules rules;

  AgendaEditing(MeetingRules rules) {
    this.rules = rules;
  }

  MeetingChange replace(MeetingSnapshot meeting, List<ItemRequest> items) {
    Set<String> known = new HashSet<>();
    meeting.agenda().forEach(item -> known.add(item.id()));
    Set<String> seen = new HashSet<>();
    FieldProblems problems = new FieldProblems();
    List<AgendaItem> agenda = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ItemRequest item = items.get(i);
      String id = item.id();
      if (id != null && !known.contains(id)) {
        problems.add("items[" + i + "].id", "is not an item of this meeting; leave it out for a new item");
      } else if (id != null && !seen.add(id)) {
        problems.add("items[" + i + "].id", "appears more than once");
      }
      agenda.add(new AgendaItem(item.title().strip(), blankToNull(item.presenterEmail()), item.durationMinutes(),
          item.notes(), id == null ? newId() : id));
    }
    problems.throwIfAny();
    return change(meeting, agenda, "items");
  }

  MeetingChange add(MeetingSnapshot meeting, AddItemRequest request) {
    List<AgendaItem> agenda = new ArrayList<>(meeting.agenda());
    int index = request.position() == null ? agenda.size() : Math.min(request.position(), agenda.size() + 1) - 1;
    agenda.add(index, new AgendaItem(request.title().strip(), blankToNull(request.presenterEmail()), request.durationMinutes(),
        request.notes(), newId()));
    return change(meeting, agenda, "agenda");
  }

  MeetingChange edit(MeetingSnapshot meeting, String itemId, EditItemRequest request) {
    List<AgendaItem> agenda = new ArrayList<>(meeting.agenda());
    int index = indexOf(meeting, itemId);
    AgendaItem old = agenda.remove(index);
    AgendaItem edited = new AgendaItem(
        request.title() == null ? old.title() : request.title().strip(),
        request.presenterEmail() == null ? old.presenterEmail() : blankToNull(request.presenterEmail()),
        request.durationMinutes() == null ? old.durationMinutes() : request.durationMinutes(),
        request.notes() == null ? old.notes() : blankToNull(request.notes()),
        old.id());
    int target = request.position() == null ? index : Math.min(request.position(), agenda.size() + 1) - 1;
    agenda.add(target, edited);
    return change(meeting, agenda, "agenda");
  }

  MeetingChange remove(MeetingSnapshot meeting, String itemId) {
    List<AgendaItem> agenda = new ArrayList<>(meeting.agenda());
    agenda.remove(indexOf(meeting, itemId));
    return change(meeting, agenda, "agenda");
  }

  private MeetingChange change(MeetingSnapshot meeting, List<AgendaItem> agenda, String field) {
    FieldProblems problems = new FieldProblems();
    rules.checkAgenda(agenda, meeting.participants(), field, problems);
    problems.throwIfAny();
    List<AgendaItemChange> changes = AgendaDiff.between(meeting.agenda(), agenda, meeting.start());
    if (changes.isEmpty()) {
      return MeetingChange.none(meeting);
    }
    MeetingSnapshot after = MeetingEdit.of(meeting).agenda(agenda).build();
    return new MeetingChange(after, false, (e, m, r, t, s) -> new AgendaChanged(e, m, r, t, s, changes));
  }

  private static int indexOf(MeetingSnapshot meeting, String itemId) {
    for (int i = 0; i < meeting.agenda().size(); i++) {
      if (meeting.agenda().get(i).id().equals(itemId)) {
        return i;
      }
    }
    throw new ResourceNotFoundException("The meeting has no agenda item with the id " + itemId + ".");
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
