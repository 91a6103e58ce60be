package org.convene.scheduler.meeting.domain;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes how one agenda became another, item by item, with planned start times computed from the
 * meeting's start and the durations before each item. Items are matched by id.
 */
final class AgendaDiff {

  private AgendaDiff() {}

  static List<AgendaItemChange> between(
      List<AgendaItem> before, List<AgendaItem> after, LocalDateTime meetingStart) {
    Map<AgendaItemId, Integer> positionBefore = positions(before);
    List<LocalDateTime> startsBefore = plannedStarts(before, meetingStart);
    List<LocalDateTime> startsAfter = plannedStarts(after, meetingStart);
    Map<AgendaItemId, AgendaItem> oldItems = new HashMap<>();
    before.forEach(item -> oldItems.put(item.id(), item));

    List<AgendaItemChange> changes = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      AgendaItem item = after.get(i);
      AgendaItem old = oldItems.get(item.id());
      if (old == null) {
        changes.add(
            new AgendaItemChange.Added(
                item.id(),
                item.title(),
                i + 1,
                startsAfter.get(i),
                item.durationMinutes(),
                item.presenter()));
        continue;
      }
      int was = positionBefore.get(item.id());
      if (was != i || !startsBefore.get(was).equals(startsAfter.get(i))) {
        changes.add(
            new AgendaItemChange.Moved(
                item.id(),
                item.title(),
                was + 1,
                i + 1,
                startsBefore.get(was),
                startsAfter.get(i)));
      }
      if (!old.title().equals(item.title())) {
        changes.add(new AgendaItemChange.Retitled(item.id(), item.title(), old.title()));
      }
      if (old.durationMinutes() != item.durationMinutes()) {
        changes.add(
            new AgendaItemChange.Retimed(
                item.id(), item.title(), old.durationMinutes(), item.durationMinutes()));
      }
      if (!Objects.equals(spelling(old.presenter()), spelling(item.presenter()))) {
        changes.add(
            new AgendaItemChange.PresenterChanged(
                item.id(), item.title(), old.presenter(), item.presenter()));
      }
      if (!Objects.equals(old.notes(), item.notes())) {
        changes.add(new AgendaItemChange.NotesChanged(item.id(), item.title()));
      }
    }
    Map<AgendaItemId, Integer> positionAfter = positions(after);
    for (int i = 0; i < before.size(); i++) {
      AgendaItem item = before.get(i);
      if (!positionAfter.containsKey(item.id())) {
        changes.add(
            new AgendaItemChange.Removed(
                item.id(), item.title(), i + 1, startsBefore.get(i), item.presenter()));
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

  /** A presenter's address as written: another spelling is reported, as it always was. */
  private static String spelling(Mailbox mailbox) {
    return mailbox == null ? null : mailbox.address();
  }

  private static Map<AgendaItemId, Integer> positions(List<AgendaItem> items) {
    Map<AgendaItemId, Integer> positions = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      positions.put(items.get(i).id(), i);
    }
    return positions;
  }
}
