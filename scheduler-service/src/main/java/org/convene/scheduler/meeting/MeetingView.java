package org.convene.scheduler.meeting;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.springframework.http.ResponseEntity;

/** A meeting as the API returns it: its id and revision beside its current state. */
public record MeetingView(
    UUID id,
    long revision,
    MeetingStatus status,
    String title,
    String description,
    PersonView organiser,
    LocalDateTime start,
    LocalDateTime end,
    String timeZone,
    String location,
    String onlineLink,
    List<DocumentView> documents,
    List<ParticipantView> participants,
    List<AgendaItemView> agenda,
    List<Integer> reminderMinutesBefore) {

  public record PersonView(String name, String email) {}

  public record DocumentView(String title, String url) {}

  public record ParticipantView(
      String name,
      String email,
      ParticipantRole role,
      String language,
      String timeZone,
      String group) {}

  public record AgendaItemView(
      String title, String presenterEmail, int durationMinutes, String notes, String id) {}

  /** A 200 answer with the meeting and its revision as ETag. */
  public ResponseEntity<MeetingView> asResponse() {
    return ResponseEntity.ok().eTag(Long.toString(revision)).body(this);
  }

  public static MeetingView of(long revision, Meeting meeting) {
    return new MeetingView(
        meeting.id().value(),
        revision,
        meeting.status(),
        meeting.title(),
        meeting.description(),
        new PersonView(meeting.organiser().name(), meeting.organiser().mailbox().address()),
        meeting.time().start(),
        meeting.time().end(),
        meeting.time().zone().getId(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents().stream().map(d -> new DocumentView(d.title(), d.url())).toList(),
        meeting.participants().stream()
            .map(
                p ->
                    new ParticipantView(
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
                    new AgendaItemView(
                        a.title(),
                        a.presenter() == null ? null : a.presenter().address(),
                        a.durationMinutes(),
                        a.notes(),
                        a.id().value()))
            .toList(),
        meeting.reminderMinutesBefore());
  }
}
