package org.convene.infra.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
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
 * iTIP REQUEST with SEQUENCE 1. Unless made for a reminder drill, the meetings are weeks ahead, so
 * that no reminder falls due while the load is delivered.
 */
record MeetingLoad(List<MeetingScheduled> events, List<Integer> reminderMinutesBefore) {

  static final String ZONE = "Europe/Berlin";
  private static final String METHOD = "REQUEST";

  /**
   * A reminder fails once its meeting has started: ten minutes leave a slow machine time to send
   * them all, and cost the drill no waiting, as the reminders are due when the drill says.
   */
  private static final int REMINDER_MINUTES = 10;

  /**
   * {@code meetings} meetings of {@code participants} participants, addresses under {@code name}.
   */
  static MeetingLoad of(String name, int meetings, int participants) {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusWeeks(3);
    return of(
        name,
        meetings,
        participants,
        m -> day.atTime(LocalTime.of(9, 0)).plusMinutes(m % 480),
        List.of());
  }

  /**
   * As {@link #of(String, int, int)}, but every meeting starts ten minutes after {@code
   * reminderDueAt} and has one reminder ten minutes before its start: every participant is also
   * owed a reminder, all of them due together at {@code reminderDueAt}.
   */
  static MeetingLoad remindedAt(
      String name, int meetings, int participants, Instant reminderDueAt) {
    LocalDateTime start =
        LocalDateTime.ofInstant(
            reminderDueAt
                .plus(Duration.ofMinutes(REMINDER_MINUTES))
                .truncatedTo(ChronoUnit.SECONDS),
            ZoneId.of(ZONE));
    return of(name, meetings, participants, m -> start, List.of(REMINDER_MINUTES));
  }

  private static MeetingLoad of(
      String name,
      int meetings,
      int participants,
      IntFunction<LocalDateTime> startOf,
      List<Integer> reminderMinutesBefore) {
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
      LocalDateTime start = startOf.apply(m);
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
              MeetingStatus.SCHEDULED,
              reminderMinutesBefore);
      events.add(
          new MeetingScheduled(EventId.random(), MeetingId.random(), 1, Instant.now(), meeting));
    }
    return new MeetingLoad(List.copyOf(events), List.copyOf(reminderMinutesBefore));
  }

  /** One invitation per participant of every meeting. */
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

  /** One reminder per participant of every meeting and offset, none if the load has none. */
  Set<Key> remindersOwed() {
    Set<Key> owed = new LinkedHashSet<>();
    for (MeetingScheduled event : events) {
      for (int minutes : reminderMinutesBefore) {
        for (Participant participant : event.meeting().participants()) {
          owed.add(
              Key.reminder(
                  participant.email(), event.meetingId().toString(), event.revision(), minutes));
        }
      }
    }
    return owed;
  }

  /** Invitations, one per participant of every meeting. */
  int messages() {
    return events.stream().mapToInt(event -> event.meeting().participants().size()).sum();
  }
}
