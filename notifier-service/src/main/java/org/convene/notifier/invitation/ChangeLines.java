package org.convene.notifier.invitation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange.Kind;
import org.convene.events.AgendaItemChange;
import org.convene.events.FieldChange;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;
import org.springframework.context.MessageSource;

/**
 * Says in the recipient's language what changed over several events: the change descriptions of
 * every event since the recipient's last message, combined, so that a burst of edits reads as one
 * list (an item moved twice is one move, from where it was to where it is; an item added and
 * removed again is not mentioned). Changes that concern the recipient (their role, the items they
 * present) are listed apart, to be shown first.
 */
final class ChangeLines {

  /** The lines for the recipient: {@code yours} concern them, {@code others} are the rest. */
  record Lines(List<String> yours, List<String> others) {

    static final Lines NONE = new Lines(List.of(), List.of());

    /** These lines and one more among the others. */
    Lines with(String other) {
      List<String> more = new ArrayList<>(others);
      more.add(other);
      return new Lines(yours, List.copyOf(more));
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final MessageSource messages;
  private final Locale locale;
  private final ZoneId zone;
  private final String recipientKey;
  private final MeetingSnapshot meeting;
  private final ZoneId meetingZone;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<String> yours = new ArrayList<>();
  private final List<String> others = new ArrayList<>();

  private ChangeLines(MessageSource messages, Locale locale, ZoneId zone, Participant recipient, MeetingEvent current) {
    this.messages = messages;
    this.locale = locale;
    this.zone = zone;
    this.recipientKey = Recipients.mailboxKey(recipient.email());
    this.meeting = current.meeting();
    this.meetingZone = NoticeViews.meetingZone(meeting);
  }

  /**
   * What changed for {@code recipient} over {@code events} (oldest first), ending with {@code current}.
   */
  static Lines of(List<MeetingEvent> events, MeetingEvent current, Participant recipient, ZoneId zone, Locale locale, MessageSource messages) {
    ChangeLines lines = new ChangeLines(messages, locale, zone, recipient, current);
    lines.learnNames(events, current);
    lines.time(events);
    lines.details(events);
    lines.agenda(events);
    lines.participants(events);
    return new Lines(List.copyOf(lines.yours), List.copyOf(lines.others));
  }

  private void learnNames(List<MeetingEvent> events, MeetingEvent current) {
    for (MeetingEvent event : events) {
      event.meeting().participants().forEach(this::learn);
      if (event instanceof ParticipantsChanged changed) {
        changed.removed().forEach(this::learn);
        changed.added().forEach(this::learn);
      }
    }
    // The current names win.
    current.meeting().participants().forEach(this::learn);
  }

  private void learn(Participant participant) {
    names.put(Recipients.mailboxKey(participant.email()), SafeText.singleLine(participant.name()));
  }

  private String nameOf(String email) {
    if (email == null || email.isBlank()) {
      return message("change.nobody");
    }
    return names.getOrDefault(Recipients.mailboxKey(email), SafeText.singleLine(email));
  }

  private void time(List<MeetingEvent> events) {
    MeetingTime before = null;
    for (MeetingEvent event : events) {
      if (event instanceof MeetingRescheduled rescheduled) {
        before = rescheduled.previous();
        break;
      }
    }
    MeetingTime after = meeting.time();
    if (before != null && !before.equals(after)) {
      others.add(message("change.time", span(before), span(after)));
    }
  }

  private String span(MeetingTime time) {
    ZoneId from = zoneOr(time.timeZone(), meetingZone);
    return NoticeViews.span(time.start(), time.end(), from, zone, locale);
  }

  private void details(List<MeetingEvent> events) {
    Map<String, String[]> fields = new LinkedHashMap<>();
    for (MeetingEvent event : events) {
      if (event instanceof MeetingDetailsChanged changed) {
        for (FieldChange change : changed.changes()) {
          fields.computeIfAbsent(change.field(), field -> new String[] {change.before(), null})[1] = change.after();
        }
      }
    }
    fields.forEach((field, values) -> {
      if (!Objects.equals(values[0], values[1])) {
        others.add(field(field, values[0], values[1]));
      }
    });
  }

  private String field(String field, String before, String after) {
    return switch (field) {
      case "title", "location", "onlineLink" -> message("change." + field, shown(before), shown(after));
      case "description", "documents" -> message("change." + field);
      default -> message("change.field", SafeText.singleLine(field));
    };
  }

  private String shown(String value) {
    String text = SafeText.singleLine(value);
    return text.isEmpty() ? message("change.none") : text;
  }

  private void agenda(List<MeetingEvent> events) {
    Map<String, ItemHistory> items = new LinkedHashMap<>();
    for (MeetingEvent event : events) {
      if (event instanceof AgendaChanged changed) {
        ZoneId eventZone = zoneOr(event.meeting().timeZone(), meetingZone);
        for (AgendaItemChange change : changed.changes()) {
          items.computeIfAbsent(change.itemId(), id -> new ItemHistory()).add(change, eventZone);
        }
      }
    }
    items.forEach((id, history) -> {
      List<String> lines = history.lines(numberOf(id, history));
      (concernsRecipient(id, history) ? yours : others).addAll(lines);
    });
  }

  /** The item's position on the agenda as it stands, else the last one its changes name. */
  private int numberOf(String itemId, ItemHistory history) {
    List<AgendaItem> agenda = meeting.agenda();
    for (int i = 0; i < agenda.size(); i++) {
      if (itemId.equals(agenda.get(i).id())) {
        return i + 1;
      }
    }
    return history.lastPosition();
  }

  private boolean concernsRecipient(String itemId, ItemHistory history) {
    for (AgendaItem item : meeting.agenda()) {
      if (itemId.equals(item.id()) && isRecipient(item.presenterEmail())) {
        return true;
      }
    }
    return history.changes.stream().anyMatch(change -> isRecipient(change.presenterBefore()) || isRecipient(change.presenterAfter()));
  }

  private boolean isRecipient(String email) {
    return email != null && !email.isBlank() && Recipients.mailboxKey(email).equals(recipientKey);
  }

  /** One agenda item's changes over the events, combined per kind: first before, last after. */
  private final class ItemHistory {

    private final List<AgendaItemChange> changes = new ArrayList<>();
    private final Map<Kind, AgendaItemChange[]> byKind = new EnumMap<>(Kind.class);
    private final Map<Kind, ZoneId[]> zones = new EnumMap<>(Kind.class);

    void add(AgendaItemChange change, ZoneId eventZone) {
      changes.add(change);
      AgendaItemChange[] firstAndLast = byKind.computeIfAbsent(change.kind(), kind -> new AgendaItemChange[] {change, null});
      firstAndLast[1] = change;
      ZoneId[] zonesOf = zones.computeIfAbsent(change.kind(), kind -> new ZoneId[] {eventZone, null});
      zonesOf[1] = eventZone;
    }

    int lastPosition() {
      Integer position = null;
      for (AgendaItemChange change : changes) {
        if (change.positionAfter() != null) {
          position = change.positionAfter();
        } else if (position == null && change.positionBefore() != null) {
          position = change.positionBefore();
        }
      }
      return position == null ? 0 : position;
    }

    List<String> lines(int number) {
      String title = SafeText.singleLine(changes.getLast().title());
      boolean added = byKind.containsKey(Kind.ADDED);
      boolean removed = byKind.containsKey(Kind.REMOVED);
      if (added && removed) {
        return List.of();
      }
      if (removed) {
        return List.of(message("change.agenda.REMOVED", title));
      }
      if (added) {
        return List.of(addedLine(number, title));
      }
      List<String> lines = new ArrayList<>();
      for (Map.Entry<Kind, AgendaItemChange[]> entry : byKind.entrySet()) {
        AgendaItemChange first = entry.getValue()[0];
        AgendaItemChange last = entry.getValue()[1];
        ZoneId[] zonesOf = zones.get(entry.getKey());
        switch (entry.getKey()) {
          case MOVED -> {
            if (first.startBefore() != null && last.startAfter() != null) {
              String from = time(first.startBefore(), zonesOf[0]);
              String to = time(last.startAfter(), zonesOf[1]);
              if (!from.equals(to)) {
                lines.add(message("change.agenda.MOVED", number, title, from, to));
              }
            } else if (!Objects.equals(first.positionBefore(), last.positionAfter())) {
              lines.add(message("change.agenda.MOVED.position", number, title, first.positionBefore(), last.positionAfter()));
            }
          }
          case RETIMED -> {
            if (!Objects.equals(first.durationBefore(), last.durationAfter())) {
              lines.add(message("change.agenda.RETIMED", number, title, first.durationBefore(), last.durationAfter()));
            }
          }
          case RETITLED -> {
            String before = SafeText.singleLine(first.titleBefore());
            if (!before.equals(title)) {
              lines.add(message("change.agenda.RETITLED", number, before, title));
            }
          }
          case PRESENTER_CHANGED -> {
            if (!samePerson(first.presenterBefore(), last.presenterAfter())) {
              lines.add(message("change.agenda.PRESENTER_CHANGED", number, title, nameOf(first.presenterBefore()), nameOf(last.presenterAfter())));
            }
          }
          case NOTES_CHANGED -> lines.add(message("change.agenda.NOTES_CHANGED", number, title));
          case ADDED, REMOVED -> throw new IllegalStateException("handled above");
        }
      }
      return lines;
    }

    private String addedLine(int number, String title) {
      LocalDateTime start = null;
      ZoneId startZone = meetingZone;
      String presenter = null;
      for (Map.Entry<Kind, AgendaItemChange[]> entry : byKind.entrySet()) {
        AgendaItemChange last = entry.getValue()[1];
        if ((entry.getKey() == Kind.ADDED || entry.getKey() == Kind.MOVED) && last.startAfter() != null) {
          start = last.startAfter();
          startZone = zones.get(entry.getKey())[1];
        }
      }
      for (AgendaItemChange change : changes) {
        if (change.kind() == Kind.ADDED || change.kind() == Kind.PRESENTER_CHANGED) {
          presenter = change.presenterAfter();
        }
      }
      String at = start == null ? "" : time(start, startZone);
      if (presenter == null || presenter.isBlank()) {
        return message("change.agenda.ADDED", number, title, at);
      }
      return message("change.agenda.ADDED.presenter", number, title, at, nameOf(presenter));
    }
  }

  private boolean samePerson(String a, String b) {
    String left = a == null || a.isBlank() ? "" : Recipients.mailboxKey(a);
    String right = b == null || b.isBlank() ? "" : Recipients.mailboxKey(b);
    return left.equals(right);
  }

  private String time(LocalDateTime wallClock, ZoneId in) {
    return TIME.format(wallClock.atZone(in).withZoneSameInstant(zone));
  }

  private void participants(List<MeetingEvent> events) {
    Map<String, Participant> added = new LinkedHashMap<>();
    Map<String, Participant> removed = new LinkedHashMap<>();
    Map<String, RoleChange[]> roles = new LinkedHashMap<>();
    for (MeetingEvent event : events) {
      if (event instanceof ParticipantsChanged changed) {
        for (Participant participant : changed.added()) {
          String key = Recipients.mailboxKey(participant.email());
          if (removed.remove(key) == null) {
            added.put(key, participant);
          }
        }
        for (Participant participant : changed.removed()) {
          String key = Recipients.mailboxKey(participant.email());
          if (added.remove(key) == null) {
            removed.put(key, participant);
          }
        }
        for (RoleChange change : changed.roleChanges()) {
          roles.computeIfAbsent(Recipients.mailboxKey(change.email()), key -> new RoleChange[] {change, null})[1] = change;
        }
      }
    }
    RoleChange[] own = roles.remove(recipientKey);
    if (own != null && own[0].before() != own[1].after()) {
      yours.add(message("change.yourRole", role(own[0].before()), role(own[1].after())));
    }
    added.remove(recipientKey);
    if (!added.isEmpty()) {
      others.add(message("change.participants.added", added.values().stream()
          .map(p -> message("change.participants.person", nameOf(p.email()), role(p.role())))
          .collect(Collectors.joining(message("change.participants.separator")))));
    }
    if (!removed.isEmpty()) {
      others.add(message("change.participants.removed", removed.values().stream()
          .map(p -> nameOf(p.email()))
          .collect(Collectors.joining(message("change.participants.separator")))));
    }
    roles.forEach((key, change) -> {
      if (change[0].before() != change[1].after()) {
        others.add(message("change.participants.role", nameOf(change[1].email()), role(change[0].before()), role(change[1].after())));
      }
    });
  }

  private String role(ParticipantRole role) {
    return message("role." + role.name());
  }

  private String message(String key, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  private static ZoneId zoneOr(String id, ZoneId fallback) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      return fallback;
    }
  }
}
