package org.convene.scheduler.meeting;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.Person;
import org.convene.events.ReferenceDocument;
import org.springframework.http.ResponseEntity;

/** A meeting as the API returns it: its id and revision beside the current snapshot. */
public record MeetingView(
    UUID id,
    long revision,
    MeetingStatus status,
    String title,
    String description,
    Person organiser,
    LocalDateTime start,
    LocalDateTime end,
    String timeZone,
    String location,
    String onlineLink,
    List<ReferenceDocument> documents,
    List<Participant> participants,
    List<AgendaItem> agenda,
    List<Integer> reminderMinutesBefore) {

  /** A 200 answer with the meeting and its revision as ETag. */
  public ResponseEntity<MeetingView> asResponse() {
    return ResponseEntity.ok().eTag(Long.toString(revision)).body(this);
  }

  public static MeetingView of(UUID id, long revision, MeetingSnapshot meeting) {
    return new MeetingView(
        id,
        revision,
        meeting.status(),
        meeting.title(),
        meeting.description(),
        meeting.organiser(),
        meeting.start(),
        meeting.end(),
        meeting.timeZone(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        meeting.participants(),
        meeting.agenda(),
        meeting.reminderMinutesBefore());
  }
}
