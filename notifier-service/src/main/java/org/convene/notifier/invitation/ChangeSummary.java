package org.convene.notifier.invitation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange;
import org.convene.events.FieldChange;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;

/**
 * What changed in a meeting, in no language: worked out by comparing the meeting as a recipient
 * last got it with the meeting as it stands ({@link #between}), which says every change however
 * many revisions lie between, or, when the former is not known, read from one event's own account
 * of its change ({@link #of}). {@link ChangeWording} words it for one recipient.
 *
 * @param time the meeting's time before and after; {@code null} if it did not change
 * @param details title, location, online link, description and documents that changed, in that
 *     order, named as {@link FieldChange#field()} names them
 * @param agenda what happened to agenda items, item by item, in the order of the agenda as it
 *     stands, removed items last; the changes of one item follow each other
 * @param invited people invited since
 * @param uninvited people no longer invited
 * @param roles people who stay invited with another role
 */
record ChangeSummary(
    TimeChange time,
    List<DetailChange> details,
    List<ItemChange> agenda,
    List<Participant> invited,
    List<Participant> uninvited,
    List<RoleChange> roles) {

  ChangeSummary {
    details = List.copyOf(details);
    agenda = List.copyOf(agenda);
    invited = List.copyOf(invited);
    uninvited = List.copyOf(uninvited);
    roles = List.copyOf(roles);
  }

  static final ChangeSummary NONE =
      new ChangeSummary(null, List.of(), List.of(), List.of(), List.of(), List.of());

  record TimeChange(MeetingTime before, MeetingTime after) {}

  /** One detail; {@code before} and {@code after} are the values as text, {@code null} if none. */
  record DetailChange(String field, String before, String after) {}

  /**
   * An agenda item a change is about.
   *
   * @param id its stable id
   * @param number its position on the agenda as it stands, else (removed) as it was, from 1
   * @param title its title as it stands, else as it was
   * @param presenterBefore who presented it before, {@code null} if nobody or not known
   * @param presenterAfter who presents it now, {@code null} if nobody or it was removed
   */
  record Item(String id, int number, String title, String presenterBefore, String presenterAfter) {}

  /** What happened to one agenda item. */
  sealed interface ItemChange {
    Item item();
  }

  /** {@code start} is its planned start, {@code null} if not known. */
  record Added(Item item, ZonedDateTime start) implements ItemChange {}

  record Removed(Item item) implements ItemChange {}

  /**
   * The item's place in the agenda changed. {@code from} and {@code to} are its planned starts
   * before and after, both on the meeting's schedule as it was, so that a move within the agenda
   * reads apart from a move of the whole meeting (which {@link TimeChange} tells); {@code null} if
   * not known, when the positions tell the move.
   */
  record Moved(
      Item item,
      ZonedDateTime from,
      ZonedDateTime to,
      Integer positionBefore,
      Integer positionAfter)
      implements ItemChange {}

  record Retimed(Item item, int minutesBefore, int minutesAfter) implements ItemChange {}

  record Retitled(Item item, String titleBefore) implements ItemChange {}

  /** The presenters are the item's. */
  record PresenterChanged(Item item) implements ItemChange {}

  record NotesChanged(Item item) implements ItemChange {}

  boolean isEmpty() {
    return time == null
        && details.isEmpty()
        && agenda.isEmpty()
        && invited.isEmpty()
        && uninvited.isEmpty()
        && roles.isEmpty();
  }

  /** What differs between the meeting as it was ({@code before}) and as it is ({@code after}). */
  static ChangeSummary between(MeetingSnapshot before, MeetingSnapshot after) {
    TimeChange time =
        before.time().equals(after.time()) ? null : new TimeChange(before.time(), after.time());
    List<DetailChange> details = new ArrayList<>();
    detail(details, "title", before.title(), after.title());
    detail(details, "location", before.location(), after.location());
    detail(details, "onlineLink", before.onlineLink(), after.onlineLink());
    detail(details, "description", before.description(), after.description());
    if (!before.documents().equals(after.documents())) {
      details.add(new DetailChange("documents", null, null));
    }
    return new ChangeSummary(
        time,
        details,
        agenda(before, after),
        invited(before, after),
        invited(after, before),
        roles(before, after));
  }

  private static void detail(
      List<DetailChange> details, String field, String before, String after) {
    if (!Objects.equals(emptyToNull(before), emptyToNull(after))) {
      details.add(new DetailChange(field, before, after));
    }
  }

  private static List<ItemChange> agenda(MeetingSnapshot before, MeetingSnapshot after) {
    Map<String, Placed> was = placed(before);
    Map<String, Placed> is = placed(after);
    ZoneId zoneBefore = zoneOr(before.timeZone(), null);
    ZoneId zoneAfter = zoneOr(after.timeZone(), zoneBefore);
    zoneBefore = zoneBefore == null ? zoneAfter : zoneBefore;
    List<ItemChange> changes = new ArrayList<>();
    for (Map.Entry<String, Placed> entry : is.entrySet()) {
      Placed now = entry.getValue();
      Placed then = was.get(entry.getKey());
      AgendaItem item = now.item();
      if (then == null) {
        Item added =
            new Item(
                item.id(), now.position(), item.title(), null, blankToNull(item.presenterEmail()));
        changes.add(new Added(added, zoned(after.start().plusMinutes(now.offset()), zoneAfter)));
        continue;
      }
      Item changed =
          new Item(
              item.id(),
              now.position(),
              item.title(),
              blankToNull(then.item().presenterEmail()),
              blankToNull(item.presenterEmail()));
      if (then.offset() != now.offset() || then.position() != now.position()) {
        changes.add(
            new Moved(
                changed,
                zoned(before.start().plusMinutes(then.offset()), zoneBefore),
                zoned(before.start().plusMinutes(now.offset()), zoneBefore),
                then.position(),
                now.position()));
      }
      if (then.item().durationMinutes() != item.durationMinutes()) {
        changes.add(new Retimed(changed, then.item().durationMinutes(), item.durationMinutes()));
      }
      if (!then.item().title().equals(item.title())) {
        changes.add(new Retitled(changed, then.item().title()));
      }
      if (!sameMailbox(changed.presenterBefore(), changed.presenterAfter())) {
        changes.add(new PresenterChanged(changed));
      }
      if (!Objects.equals(emptyToNull(then.item().notes()), emptyToNull(item.notes()))) {
        changes.add(new NotesChanged(changed));
      }
    }
    was.forEach(
        (key, then) -> {
          if (!is.containsKey(key)) {
            changes.add(
                new Removed(
                    new Item(
                        then.item().id(),
                        then.position(),
                        then.item().title(),
                        blankToNull(then.item().presenterEmail()),
                        null)));
          }
        });
    return changes;
  }

  /** An item with its position (from 1) and planned start, in minutes after the meeting's. */
  private record Placed(AgendaItem item, int position, int offset) {}

  private static Map<String, Placed> placed(MeetingSnapshot meeting) {
    Map<String, Placed> placed = new LinkedHashMap<>();
    int offset = 0;
    int position = 1;
    for (AgendaItem item : meeting.agenda()) {
      // Items of events written before items had ids are known by their title.
      placed.putIfAbsent(
          item.id() != null ? item.id() : "title:" + item.title(),
          new Placed(item, position++, offset));
      offset += item.durationMinutes();
    }
    return placed;
  }

  /** Who is in {@code after} and not in {@code before}, in {@code after}'s order. */
  private static List<Participant> invited(MeetingSnapshot before, MeetingSnapshot after) {
    Map<String, Participant> was = byMailbox(before);
    return after.participants().stream()
        .filter(p -> !was.containsKey(Recipients.mailboxKey(p.email())))
        .toList();
  }

  private static List<RoleChange> roles(MeetingSnapshot before, MeetingSnapshot after) {
    Map<String, Participant> was = byMailbox(before);
    List<RoleChange> roles = new ArrayList<>();
    for (Participant participant : after.participants()) {
      Participant then = was.get(Recipients.mailboxKey(participant.email()));
      if (then != null && then.role() != participant.role()) {
        roles.add(
            new RoleChange(
                participant.email(), participant.name(), then.role(), participant.role()));
      }
    }
    return roles;
  }

  private static Map<String, Participant> byMailbox(MeetingSnapshot meeting) {
    Map<String, Participant> participants = new HashMap<>();
    meeting
        .participants()
        .forEach(p -> participants.putIfAbsent(Recipients.mailboxKey(p.email()), p));
    return participants;
  }

  /**
   * What {@code event} says it changed itself: all that is known of a change when the meeting
   * before it is not.
   */
  static ChangeSummary of(MeetingEvent event) {
    return switch (event) {
      case MeetingRescheduled rescheduled ->
          rescheduled.previous().equals(rescheduled.meeting().time())
              ? NONE
              : new ChangeSummary(
                  new TimeChange(rescheduled.previous(), rescheduled.meeting().time()),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of());
      case MeetingDetailsChanged changed -> {
        List<DetailChange> details = new ArrayList<>();
        for (FieldChange change : changed.changes()) {
          if (!Objects.equals(change.before(), change.after())) {
            details.add(new DetailChange(change.field(), change.before(), change.after()));
          }
        }
        yield new ChangeSummary(null, details, List.of(), List.of(), List.of(), List.of());
      }
      case AgendaChanged changed ->
          new ChangeSummary(null, List.of(), agenda(changed), List.of(), List.of(), List.of());
      case ParticipantsChanged changed ->
          new ChangeSummary(
              null,
              List.of(),
              List.of(),
              changed.added(),
              changed.removed(),
              changed.roleChanges().stream()
                  .filter(change -> change.before() != change.after())
                  .toList());
      default -> NONE;
    };
  }

  private static List<ItemChange> agenda(AgendaChanged event) {
    MeetingSnapshot meeting = event.meeting();
    ZoneId zone = zoneOr(meeting.timeZone(), null);
    Map<String, List<AgendaItemChange>> byItem = new LinkedHashMap<>();
    event
        .changes()
        .forEach(
            change -> byItem.computeIfAbsent(change.itemId(), id -> new ArrayList<>()).add(change));
    List<ItemChange> changes = new ArrayList<>();
    byItem.forEach(
        (id, itemChanges) -> {
          AgendaItem current = null;
          int number = 0;
          for (int i = 0; i < meeting.agenda().size(); i++) {
            if (id.equals(meeting.agenda().get(i).id())) {
              current = meeting.agenda().get(i);
              number = i + 1;
            }
          }
          String presenterAfter = current == null ? null : blankToNull(current.presenterEmail());
          String presenterBefore = presenterAfter;
          for (AgendaItemChange change : itemChanges) {
            if (change.kind() == AgendaItemChange.Kind.PRESENTER_CHANGED) {
              presenterBefore = blankToNull(change.presenterBefore());
              presenterAfter = blankToNull(change.presenterAfter());
            } else if (change.kind() == AgendaItemChange.Kind.ADDED) {
              presenterBefore = null;
              presenterAfter = blankToNull(change.presenterAfter());
            }
            if (number == 0) {
              number =
                  change.positionAfter() != null
                      ? change.positionAfter()
                      : change.positionBefore() != null ? change.positionBefore() : 0;
            }
          }
          for (AgendaItemChange change : itemChanges) {
            Item item = new Item(id, number, change.title(), presenterBefore, presenterAfter);
            changes.add(
                switch (change.kind()) {
                  case ADDED -> new Added(item, zoned(change.startAfter(), zone));
                  case REMOVED -> new Removed(item);
                  case MOVED ->
                      new Moved(
                          item,
                          zoned(change.startBefore(), zone),
                          zoned(change.startAfter(), zone),
                          change.positionBefore(),
                          change.positionAfter());
                  case RETIMED ->
                      new Retimed(
                          item, orZero(change.durationBefore()), orZero(change.durationAfter()));
                  case RETITLED ->
                      new Retitled(item, change.titleBefore() == null ? "" : change.titleBefore());
                  case PRESENTER_CHANGED -> new PresenterChanged(item);
                  case NOTES_CHANGED -> new NotesChanged(item);
                });
          }
        });
    return changes;
  }

  /** Whether two presenters' mailboxes are the same, nobody being the same as nobody. */
  private static boolean sameMailbox(String a, String b) {
    return (a == null ? "" : Recipients.mailboxKey(a))
        .equals(b == null ? "" : Recipients.mailboxKey(b));
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static ZonedDateTime zoned(LocalDateTime wallClock, ZoneId zone) {
    return wallClock == null || zone == null ? null : wallClock.atZone(zone);
  }

  private static ZoneId zoneOr(String id, ZoneId fallback) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      return fallback;
    }
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
