package org.convene.infra.faults;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;
import org.convene.infra.faults.DeliveryTally.Key;

/**
 * Meetings scheduled at once, each inviting its own participants: every participant is owed one
 * iTIP REQUEST with SEQUENCE 1. The meetings are weeks ahead, so that no reminder falls due while
 * the load is delivered.
 */
record MeetingLoad(List<MeetingScheduled> events) {

  static final String ZONE = "Europe/Berlin";
  private static final String METHOD = "REQUEST";

  /**
   * {@code meetings} meetings of {@code participants} participants, addresses under {@code name}.
   */
  static MeetingLoad of(String name, int meetings, int participants) {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusWeeks(3);
    List<MeetingScheduled> events = new ArrayList<>(meetings);
    for (int m = 0; m < meetings; m++) {
      List<Participant> invited = new ArrayList<>(participants);
      for (int p = 0; p < participants; p++) {
        invited.add(
            new Participant(
                "Participant " + p + " of meeting " + m,
                "p%d.m%d@%s.faults.example.org".formatted(p, m, name),
                p == 0 ? ParticipantRole.CHAIR : ParticipantRole.VOTING,
                p % 2 == 0 ? "en" : "zh-CN",
                null));
      }
      LocalDateTime start = day.atTime(LocalTime.of(9, 0)).plusMinutes(m % 480);
      MeetingSnapshot meeting =
          new MeetingSnapshot(
              "Fault drill " + name + " #" + m,
              "A meeting of the fault drill",
              new Person("BAST General Office", "office@" + name + ".faults.example.org"),
              start,
              start.plusHours(1),
              ZONE,
              "Meeting room " + (m % 7 + 1),
              null,
              List.of(),
              invited,
              List.of(),
              MeetingStatus.SCHEDULED);
      events.add(
          new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting));
    }
    return new MeetingLoad(List.copyOf(events));
  }

  /** One key per participant of every meeting. */
  Set<Key> owed() {
    Set<Key> owed = new LinkedHashSet<>();
    for (MeetingScheduled event : events) {
      for (Participant participant : event.meeting().participants()) {
        owed.add(
            new Key(
                participant.email(), event.meetingId().toString(), (int) event.revision(), METHOD));
      }
    }
    return owed;
  }

  int messages() {
    return events.stream().mapToInt(event -> event.meeting().participants().size()).sum();
  }
}
