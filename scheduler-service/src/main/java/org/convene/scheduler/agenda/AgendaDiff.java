package org.convene.scheduler.agenda;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange;
import org.convene.events.AgendaItemChange.Kind;

/**
 * Describes how one agenda became another, item by item, with planned start times computed
 * from the meeting's start and the durations before each item. Items are matched by id.
 */
final class AgendaDiff {

  private AgendaDiff() {}

  static List<AgendaItemChange> between(List<AgendaItem> before, List<AgendaItem> after, LocalDateTime meetingStart) {
    Map<String, Integer> positionBefore = positions(before);
    List<LocalDateTime> startsBefore = plannedStarts(before, meetingStart);
    List<LocalDateTime> startsAfter = plannedStarts(after, meetingStart);
    Map<String, AgendaItem> oldItems = new HashMap<>();
    before.forEach(item -> oldItems.put(item.id(), item));

    List<AgendaItemChange> changes = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      AgendaItem item = after.get(i);
      AgendaItem old = oldItems.get(item.id());
      if (old == null) {
        changes.add(new AgendaItemChange(Kind.ADDED, item.id(), item.title(), null, null, i + 1, null, startsAfter.get(i),
            null, item.durationMinutes(), null, item.presenterEmail()));
        continue;
      }
      int was = positionBefore.get(item.id());
      if (was != i || !startsBefore.get(was).equals(startsAfter.get(i))) {
        changes.add(new AgendaItemChange(Kind.MOVED, item.id(), item.title(), null, was + 1, i + 1, startsBefore.get(was),
            startsAfter.get(i), null, null, null, null));
      }
      if (!old.title().equals(item.title())) {
        changes.add(new AgendaItemChange(Kind.RETITLED, item.id(), item.title(), old.title(), null, null, null, null, null, null,
            null, null));
      }
      if (old.durationMinutes() != item.durationMinutes()) {
        changes.add(new AgendaItemChange(Kind.RETIMED, item.id(), item.title(), null, null, null, null, null,
            old.durationMinutes(), item.durationMinutes(), null, null));
      }
      if (!Objects.equals(old.presenterEmail(), item.presenterEmail())) {
        changes.add(new AgendaItemChange(Kind.PRESENTER_CHANGED, item.id(), item.title(), null, null, null, null, null, null,
            null, old.presenterEmail(), item.presenterEmail()));
      }
      if (!Objects.equals(old.notes(), item.notes())) {
        changes.add(new AgendaItemChange(Kind.NOTES_CHANGED, item.id(), item.title(), null, null, null, null, null, null, null,
            null, null));
      }
    }
    Map<String, Integer> positionAfter = positions(after);
    for (int i = 0; i < before.size(); i++) {
      AgendaItem item = before.get(i);
      if (!positionAfter.containsKey(item.id())) {
        changes.add(new AgendaItemChange(Kind.REMOVED, item.id(), item.title(), null, i + 1, null, startsBefore.get(i), null,
            null, null, item.presenterEmail(), null));
      }
    }
    return changes;
  }

  static List<LocalDateTime> plannedStarts(List<AgendaItem> items, LocalDateTime meetingStart) {
    List<LocalDateTime> starts = new ArrayList<>(items.size());
    LocalDateTime next = meetingStart;
    for (AgendaItem item : items) {
      starts.add(next);
      next = next.plusMinutes(item.durationMinutes());
    }
    return starts;
  }

  private static Map<String, Integer> positions(List<AgendaItem> items) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      positions.put(items.get(i).id(), i);
    }
    return positions;
  }
}
