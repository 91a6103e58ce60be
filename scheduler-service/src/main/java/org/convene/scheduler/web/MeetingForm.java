package org.convene.scheduler.web;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convene.scheduler.meeting.ScheduleMeetingRequest;
import org.convene.scheduler.meeting.WallClockTime;
import org.convene.scheduler.meeting.domain.ParticipantRole;

/**
 * The new-meeting form as the browser posts it: text in every field, and a few rows for
 * participants and agenda items, of which the blank ones are ignored. It becomes the API's {@link
 * ScheduleMeetingRequest}, so the same annotations and the same meeting rules decide. A bean with
 * setters, since the form binding fills it field by field.
 */
public class MeetingForm {

  static final int PARTICIPANT_ROWS = 6;
  static final int AGENDA_ROWS = 5;

  static final String DATE_TIME_PROBLEM = "is not a valid local date-time such as 2026-12-03T09:30";
  static final String NUMBER_PROBLEM = "is not a valid whole number";

  private String title;
  private String description;
  private String start;
  private String end;
  private String timeZone;
  private String location;
  private String onlineLink;
  private String reminders;
  private List<ParticipantRow> participants = new ArrayList<>();
  private List<AgendaRow> agenda = new ArrayList<>();

  /** One participant row. */
  public static class ParticipantRow {
    private String name;
    private String email;
    private String role = ParticipantRole.VOTING.name();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getRole() {
      return role;
    }

    public void setRole(String role) {
      this.role = role;
    }

    boolean isBlank() {
      return blank(name) && blank(email);
    }
  }

  /** One agenda row. */
  public static class AgendaRow {
    private String title;
    private String presenterEmail;
    private String durationMinutes;
    private String notes;

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getPresenterEmail() {
      return presenterEmail;
    }

    public void setPresenterEmail(String presenterEmail) {
      this.presenterEmail = presenterEmail;
    }

    public String getDurationMinutes() {
      return durationMinutes;
    }

    public void setDurationMinutes(String durationMinutes) {
      this.durationMinutes = durationMinutes;
    }

    public String getNotes() {
      return notes;
    }

    public void setNotes(String notes) {
      this.notes = notes;
    }

    boolean isBlank() {
      return blank(title) && blank(presenterEmail) && blank(durationMinutes) && blank(notes);
    }
  }

  /** An empty form: the zone the organiser is in, and blank rows to fill. */
  static MeetingForm empty(String zone) {
    MeetingForm form = new MeetingForm();
    form.timeZone = zone;
    form.compactAndPad();
    return form;
  }

  /**
   * Drops the blank rows, so the rows' numbers are the request's list indexes (and a refusal of
   * {@code participants[1]} is shown on the second filled row), then adds blank rows to fill.
   */
  void compactAndPad() {
    participants =
        new ArrayList<>(participants.stream().filter(r -> r != null && !r.isBlank()).toList());
    agenda = new ArrayList<>(agenda.stream().filter(r -> r != null && !r.isBlank()).toList());
    while (participants.size() < PARTICIPANT_ROWS) {
      participants.add(new ParticipantRow());
    }
    while (agenda.size() < AGENDA_ROWS) {
      agenda.add(new AgendaRow());
    }
  }

  /**
   * The API request this form asks for, or the fields whose text cannot even be read. Call after
   * {@link #compactAndPad()}.
   */
  ScheduleMeetingRequest toRequest(FormErrors errors) {
    List<ScheduleMeetingRequest.ParticipantRequest> people = new ArrayList<>();
    for (int i = 0; i < participants.size(); i++) {
      ParticipantRow row = participants.get(i);
      if (!row.isBlank()) {
        people.add(
            new ScheduleMeetingRequest.ParticipantRequest(
                trimmed(row.name),
                trimmed(row.email),
                role(row.role, "participants[" + i + "].role", errors),
                null,
                null));
      }
    }
    List<ScheduleMeetingRequest.AgendaItemRequest> items = new ArrayList<>();
    for (int i = 0; i < agenda.size(); i++) {
      AgendaRow row = agenda.get(i);
      if (!row.isBlank()) {
        items.add(
            new ScheduleMeetingRequest.AgendaItemRequest(
                trimmed(row.title),
                trimmed(row.presenterEmail),
                number(row.durationMinutes, "agenda[" + i + "].durationMinutes", errors),
                trimmed(row.notes)));
      }
    }
    return new ScheduleMeetingRequest(
        trimmed(title),
        trimmed(description),
        null,
        time(start, "start", errors),
        time(end, "end", errors),
        trimmed(timeZone),
        trimmed(location),
        trimmed(onlineLink),
        List.of(),
        people,
        items,
        reminderMinutes(reminders, errors),
        null);
  }

  /**
   * Reminders as minutes before the start, separated by commas or spaces ("1440, 60"); blank leaves
   * the scheduler's default reminders.
   */
  static List<Integer> reminderMinutes(String text, FormErrors errors) {
    if (blank(text)) {
      return null;
    }
    List<Integer> minutes = new ArrayList<>();
    for (String part : text.strip().split("[,\\s]+")) {
      Integer value = number(part, "reminderMinutesBefore", errors);
      if (value != null) {
        minutes.add(value);
      }
    }
    return minutes;
  }

  static WallClockTime time(String text, String field, FormErrors errors) {
    if (blank(text)) {
      return null;
    }
    try {
      return WallClockTime.parse(text.strip());
    } catch (DateTimeParseException unreadable) {
      errors.add(field, DATE_TIME_PROBLEM);
      return null;
    }
  }

  static Integer number(String text, String field, FormErrors errors) {
    if (blank(text)) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException unreadable) {
      errors.add(field, NUMBER_PROBLEM);
      return null;
    }
  }

  static ParticipantRole role(String text, String field, FormErrors errors) {
    try {
      return ParticipantRole.valueOf(text);
    } catch (IllegalArgumentException | NullPointerException unknown) {
      errors.add(
          field,
          "is not a valid ParticipantRole: expected one of "
              + Arrays.toString(ParticipantRole.values()));
      return null;
    }
  }

  /** A blank optional field is left out, as it would be from a JSON request. */
  static String trimmed(String text) {
    return blank(text) ? null : text.strip();
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public String getOnlineLink() {
    return onlineLink;
  }

  public void setOnlineLink(String onlineLink) {
    this.onlineLink = onlineLink;
  }

  public String getReminders() {
    return reminders;
  }

  public void setReminders(String reminders) {
    this.reminders = reminders;
  }

  public List<ParticipantRow> getParticipants() {
    return participants;
  }

  public void setParticipants(List<ParticipantRow> participants) {
    this.participants = participants;
  }

  public List<AgendaRow> getAgenda() {
    return agenda;
  }

  public void setAgenda(List<AgendaRow> agenda) {
    this.agenda = agenda;
  }
}
