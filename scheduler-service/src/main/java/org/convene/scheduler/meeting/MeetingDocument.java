package org.convene.scheduler.meeting;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.AgendaItem;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.meeting.domain.Document;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;

/**
 * How a meeting is stored in the {@code snapshot} column: the scheduler's own format, written and
 * read only here, so the published contract can evolve without a data migration and the other way
 * round. Its JSON is the same as the rows written before it existed, field for field.
 */
record MeetingDocument(
    String title,
    String description,
    StoredPerson organiser,
    LocalDateTime start,
    LocalDateTime end,
    String timeZone,
    String location,
    String onlineLink,
    List<StoredDocument> documents,
    List<StoredParticipant> participants,
    List<StoredAgendaItem> agenda,
    MeetingStatus status,
    List<Integer> reminderMinutesBefore) {

  record StoredPerson(String name, String email) {}

  record StoredDocument(String title, String url) {}

  record StoredParticipant(
      String name,
      String email,
      ParticipantRole role,
      String language,
      String timeZone,
      String group) {}

  /** {@code id} may be missing in rows written before items had ids. */
  record StoredAgendaItem(
      String title, String presenterEmail, int durationMinutes, String notes, String id) {}

  static MeetingDocument of(Meeting meeting) {
    return new MeetingDocument(
        meeting.title(),
        meeting.description(),
        new StoredPerson(meeting.organiser().name(), meeting.organiser().mailbox().address()),
        meeting.time().start(),
        meeting.time().end(),
        meeting.time().zone().getId(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents().stream().map(d -> new StoredDocument(d.title(), d.url())).toList(),
        meeting.participants().stream()
            .map(
                p ->
                    new StoredParticipant(
                        p.name(),
                        p.mailbox().address(),
                        p.role(),
                        p.language(),
                        p.timeZone(),
                        p.group()))
            .toList(),
        meeting.agenda().stream()
            .map(
                a ->
                    new StoredAgendaItem(
                        a.title(),
                        a.presenter() == null ? null : a.presenter().address(),
                        a.durationMinutes(),
                        a.notes(),
                        a.id().value()))
            .toList(),
        meeting.status(),
        meeting.reminderMinutesBefore());
  }

  Meeting toMeeting(MeetingId id) {
    return new Meeting(
        id,
        title,
        description,
        new Person(organiser.name(), Mailbox.of(organiser.email())),
        new MeetingTime(start, end, ZoneId.of(timeZone)),
        location,
        onlineLink,
        nullToEmpty(documents).stream().map(d -> new Document(d.title(), d.url())).toList(),
        nullToEmpty(participants).stream()
            .map(
                p ->
                    new Participant(
                        p.name(),
                        Mailbox.of(p.email()),
                        p.role(),
                        p.language(),
                        p.timeZone(),
                        p.group()))
            .toList(),
        nullToEmpty(agenda).stream()
            .map(
                a ->
                    new AgendaItem(
                        a.id() == null ? AgendaItemId.random() : new AgendaItemId(a.id()),
                        a.title(),
                        Mailbox.ofNullable(a.presenterEmail()),
                        a.durationMinutes(),
                        a.notes()))
            .toList(),
        status,
        nullToEmpty(reminderMinutesBefore));
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
