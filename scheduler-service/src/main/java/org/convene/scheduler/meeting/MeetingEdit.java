package org.convene.scheduler.meeting;

import java.time.LocalDateTime;
import java.util.List;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ReferenceDocument;

/** A copy of a snapshot with some parts replaced: the snapshot itself is immutable. */
public final class MeetingEdit {

  private final MeetingSnapshot base;
  private String title;
  private String description;
  private String location;
  private String onlineLink;
  private List<ReferenceDocument> documents;
  private LocalDateTime start;
  private LocalDateTime end;
  private String timeZone;
  private List<Participant> participants;
  private List<AgendaItem> agenda;
  private MeetingStatus status;

  private MeetingEdit(MeetingSnapshot base) {
    this.base = base;
    this.title = base.title();
    this.description = base.description();
    this.location = base.location();
    this.onlineLink = base.onlineLink();
    this.documents = base.documents();
    this.start = base.start();
    this.end = base.end();
    this.timeZone = base.timeZone();
    this.participants = base.participants();
    this.agenda = base.agenda();
    this.status = base.status();
  }

  public static MeetingEdit of(MeetingSnapshot base) {
    return new MeetingEdit(base);
  }

  public MeetingEdit details(String title, String description, String location, String onlineLink, List<ReferenceDocument> documents) {
    this.title = title;
    this.description = description;
    this.location = location;
    this.onlineLink = onlineLink;
    this.documents = documents;
    return this;
  }

  public MeetingEdit time(LocalDateTime start, LocalDateTime end, String timeZone) {
    this.start = start;
    this.end = end;
    this.timeZone = timeZone;
    return this;
  }

  public MeetingEdit participants(List<Participant> participants) {
    this.participants = participants;
    return this;
  }

  public MeetingEdit agenda(List<AgendaItem> agenda) {
    this.agenda = agenda;
    return this;
  }

  public MeetingEdit status(MeetingStatus status) {
    this.status = status;
    return this;
  }

  public MeetingSnapshot build() {
    return new MeetingSnapshot(title, description, base.organiser(), start, end, timeZone, location, onlineLink, documents,
        participants, agenda, status, base.reminderMinutesBefore());
  }
}
