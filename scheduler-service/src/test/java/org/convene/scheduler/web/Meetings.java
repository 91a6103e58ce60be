package org.convene.scheduler.web;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.ParticipantRole;

/** Meetings as the pages receive them, for unit tests. */
final class Meetings {

  private static final UUID ID = UUID.fromString("3f1c8f3e-7a55-4bd4-9b0c-3d6a1f0e2a11");

  private Meetings() {}

  static MeetingView view(long revision, String title, int startHour) {
    LocalDateTime start = LocalDateTime.of(2026, 12, 3, startHour, 0);
    return new MeetingView(
        ID,
        revision,
        MeetingStatus.SCHEDULED,
        title,
        null,
        new MeetingView.PersonView("BAST General Office", "office@bast.example.org"),
        start,
        start.plusHours(2),
        "Europe/Berlin",
        null,
        null,
        List.of(),
        List.of(
            new MeetingView.ParticipantView(
                "Chair Wang", "wang@bast.example.org", ParticipantRole.CHAIR, null, null, null)),
        List.of(),
        List.of(60));
  }
}
