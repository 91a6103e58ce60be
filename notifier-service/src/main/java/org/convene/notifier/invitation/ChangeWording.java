package org.convene.notifier.invitation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.RoleChange;
import org.convene.notifier.invitation.ChangeSummary.Added;
import org.convene.notifier.invitation.ChangeSummary.DetailChange;
import org.convene.notifier.invitation.ChangeSummary.Item;
import org.convene.notifier.invitation.ChangeSummary.ItemChange;
import org.convene.notifier.invitation.ChangeSummary.Moved;
import org.convene.notifier.invitation.ChangeSummary.NotesChanged;
import org.convene.notifier.invitation.ChangeSummary.PresenterChanged;
import org.convene.notifier.invitation.ChangeSummary.Removed;
import org.convene.notifier.invitation.ChangeSummary.Retimed;
import org.convene.notifier.invitation.ChangeSummary.Retitled;
import org.springframework.context.MessageSource;

/**
 * Words a {@link ChangeSummary} for one recipient, in their language and zone. Changes that concern
 * the recipient (their role, the items they present or presented) are listed apart, to be shown
 * first.
 */
final class ChangeWording {

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
  private final ZoneId meetingZone;
  private final String recipientKey;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<String> yours = new ArrayList<>();
  private final List<String> others = new ArrayList<>();

  private ChangeWording(
      MessageSource messages,
      Locale locale,
      ZoneId zone,
      ZoneId meetingZone,
      Participant recipient) {
    this.messages = messages;
    this.locale = locale;
    this.zone = zone;
    this.meetingZone = meetingZone;
    this.recipientKey = Recipients.mailboxKey(recipient.email());
  }

  /**
   * The lines that tell {@code recipient}, who reads times in {@code zone}, what {@code summary}
   * says changed.
   *
   * @param before the meeting as the recipient last got it, for the names of people no longer
   *     invited; {@code null} if not known
   * @param meeting the meeting as it stands
   */
  static Lines of(
      ChangeSummary summary,
      MeetingSnapshot before,
      MeetingSnapshot meeting,
      Participant recipient,
      ZoneId zone,
      Locale locale,
      MessageSource messages) {
    ChangeWording wording =
        new ChangeWording(messages, locale, zone, NoticeViews.meetingZone(meeting), recipient);
    if (before != null) {
      before.participants().forEach(wording::learn);
    }
    summary.uninvited().forEach(wording::learn);
    summary.invited().forEach(wording::learn);
    // The current names win.
    meeting.participants().forEach(wording::learn);
    wording.time(summary);
    summary.details().forEach(wording::detail);
    wording.agenda(summary.agenda());
    wording.participants(summary);
    return new Lines(List.copyOf(wording.yours), List.copyOf(wording.others));
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

  private void time(ChangeSummary summary) {
    if (summary.time() != null) {
      others.add(
          message("change.time", span(summary.time().before()), span(summary.time().after())));
    }
  }

  private String span(MeetingTime time) {
    return NoticeViews.span(
        time.start(), time.end(), zoneOr(time.timeZone(), meetingZone), zone, locale);
  }

  private void detail(DetailChange change) {
    others.add(
        switch (change.field()) {
          case "title", "location", "onlineLink" ->
              message("change." + change.field(), shown(change.before()), shown(change.after()));
          case "description", "documents" -> message("change." + change.field());
          default -> message("change.field", SafeText.singleLine(change.field()));
        });
  }

  private String shown(String value) {
    String text = SafeText.singleLine(value);
    return text.isEmpty() ? message("change.none") : text;
  }

  /** The changes of each item, all among the recipient's if the item concerns them. */
  private void agenda(List<ItemChange> changes) {
    Map<String, List<ItemChange>> byItem = new LinkedHashMap<>();
    for (ItemChange change : changes) {
      Item item = change.item();
      byItem
          .computeIfAbsent(
              item.id() != null ? item.id() : "title:" + item.title(), key -> new ArrayList<>())
          .add(change);
    }
    for (List<ItemChange> itemChanges : byItem.values()) {
      Item item = itemChanges.getFirst().item();
      boolean mine = isRecipient(item.presenterBefore()) || isRecipient(item.presenterAfter());
      for (ItemChange change : itemChanges) {
        String line = line(change);
        if (line != null) {
          (mine ? yours : others).add(line);
        }
      }
    }
  }

  /** The line that says what happened to the item; {@code null} if nothing shows. */
  private String line(ItemChange change) {
    Item item = change.item();
    int number = item.number();
    String title = SafeText.singleLine(item.title());
    return switch (change) {
      case Added added -> {
        String at = added.start() == null ? "" : time(added.start());
        yield item.presenterAfter() == null
            ? message("change.agenda.ADDED", number, title, at)
            : message(
                "change.agenda.ADDED.presenter", number, title, at, nameOf(item.presenterAfter()));
      }
      case Removed removed -> message("change.agenda.REMOVED", title);
      case Moved moved -> {
        if (moved.from() != null
            && moved.to() != null
            && !time(moved.from()).equals(time(moved.to()))) {
          yield message("change.agenda.MOVED", number, title, time(moved.from()), time(moved.to()));
        }
        yield Objects.equals(moved.positionBefore(), moved.positionAfter())
            ? null
            : message(
                "change.agenda.MOVED.position",
                number,
                title,
                moved.positionBefore(),
                moved.positionAfter());
      }
      case Retimed retimed ->
          message(
              "change.agenda.RETIMED",
              number,
              title,
              retimed.minutesBefore(),
              retimed.minutesAfter());
      case Retitled retitled ->
          message(
              "change.agenda.RETITLED", number, SafeText.singleLine(retitled.titleBefore()), title);
      case PresenterChanged presenter ->
          message(
              "change.agenda.PRESENTER_CHANGED",
              number,
              title,
              nameOf(item.presenterBefore()),
              nameOf(item.presenterAfter()));
      case NotesChanged notes -> message("change.agenda.NOTES_CHANGED", number, title);
    };
  }

  private boolean isRecipient(String email) {
    return email != null && !email.isBlank() && Recipients.mailboxKey(email).equals(recipientKey);
  }

  private String time(ZonedDateTime at) {
    return TIME.format(at.withZoneSameInstant(zone));
  }

  private void participants(ChangeSummary summary) {
    List<RoleChange> roles = new ArrayList<>();
    for (RoleChange change : summary.roles()) {
      if (isRecipient(change.email())) {
        yours.add(message("change.yourRole", role(change.before()), role(change.after())));
      } else {
        roles.add(change);
      }
    }
    List<Participant> invited =
        summary.invited().stream().filter(p -> !isRecipient(p.email())).toList();
    if (!invited.isEmpty()) {
      others.add(
          message(
              "change.participants.added",
              invited.stream()
                  .map(
                      p -> message("change.participants.person", nameOf(p.email()), role(p.role())))
                  .collect(Collectors.joining(message("change.participants.separator")))));
    }
    if (!summary.uninvited().isEmpty()) {
      others.add(
          message(
              "change.participants.removed",
              summary.uninvited().stream()
                  .map(p -> nameOf(p.email()))
                  .collect(Collectors.joining(message("change.participants.separator")))));
    }
    for (RoleChange change : roles) {
      others.add(
          message(
              "change.participants.role",
              nameOf(change.email()),
              role(change.before()),
              role(change.after())));
    }
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
