package org.convene.notifier.reminder;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.convene.events.EventId;
import org.convene.events.FieldChange;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingId;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Person;

/**
 * One meeting's life as the scheduler publishes it, one revision per event, with the reminder
 * offsets a test needs.
 */
final class TestMeeting {

  private final MeetingId meetingId = MeetingId.random();
  private final String domain =
      "reminders-" + meetingId.toString().substring(0, 8) + ".example.org";
  private long revision;
  private MeetingSnapshot meeting;

  TestMeeting(LocalDateTime start, String timeZone, List<Integer> reminderMinutesBefore) {
    meeting =
        snapshot(
            start,
            timeZone,
            reminderMinutesBefore,
            MeetingStatus.SCHEDULED,
            "Head office, meeting room 1");
  }

  /** A meeting that starts {@code fromNow} from now (to the second), in {@code timeZone}. */
  static TestMeeting startingIn(
      java.time.Duration fromNow, String timeZone, List<Integer> reminderMinutesBefore) {
    LocalDateTime start =
        LocalDateTime.ofInstant(Instant.now().plus(fromNow), ZoneId.of(timeZone)).withNano(0);
    return new TestMeeting(start, timeZone, reminderMinutesBefore);
  }

  MeetingId meetingId() {
    return meetingId;
  }

  MeetingSnapshot meeting() {
    return meeting;
  }

  MeetingScheduled scheduled() {
    return new MeetingScheduled(EventId.random(), meetingId, ++revision, Instant.now(), meeting);
  }

  MeetingRescheduled rescheduledTo(LocalDateTime start) {
    MeetingTime previous = meeting.time();
    meeting =
        snapshot(
            start,
            meeting.timeZone(),
            meeting.reminderMinutesBefore(),
            meeting.status(),
            meeting.location());
    return new MeetingRescheduled(
        EventId.random(), meetingId, ++revision, Instant.now(), meeting, previous);
  }

  MeetingDetailsChanged remindersChangedTo(List<Integer> reminderMinutesBefore) {
    String before = meeting.reminderMinutesBefore().toString();
    meeting =
        snapshot(
            meeting.start(),
            meeting.timeZone(),
            reminderMinutesBefore,
            meeting.status(),
            meeting.location());
    return new MeetingDetailsChanged(
        EventId.random(),
        meetingId,
        ++revision,
        Instant.now(),
        meeting,
        List.of(
            new FieldChange("reminderMinutesBefore", before, reminderMinutesBefore.toString())));
  }

  MeetingDetailsChanged movedToRoom(String location) {
    String before = meeting.location();
    meeting =
        snapshot(
            meeting.start(),
            meeting.timeZone(),
            meeting.reminderMinutesBefore(),
            meeting.status(),
            location);
    return new MeetingDetailsChanged(
        EventId.random(),
        meetingId,
        ++revision,
        Instant.now(),
        meeting,
        List.of(new FieldChange("location", before, location)));
  }

  MeetingCancelled cancelled() {
    meeting =
        snapshot(
            meeting.start(),
            meeting.timeZone(),
            meeting.reminderMinutesBefore(),
            MeetingStatus.CANCELLED,
            meeting.location());
    return new MeetingCancelled(
        EventId.random(), meetingId, ++revision, Instant.now(), meeting, "Postponed indefinitely");
  }

  private MeetingSnapshot snapshot(
      LocalDateTime start,
      String timeZone,
      List<Integer> offsets,
      MeetingStatus status,
      String location) {
    return new MeetingSnapshot(
        "Work planning and docking meeting",
        "District associations report their plans.",
        new Person("BAST General Office", "office@" + domain),
        start,
        start.plusHours(2),
        timeZone,
        location,
        null,
        List.of(),
        List.of(
            new Participant("Shen Jie", "shen.jie@" + domain, ParticipantRole.CHAIR, "zh-CN", null),
            new Participant("Li Na", "li.na@" + domain, ParticipantRole.NON_VOTING, "en", null)),
        List.of(),
        status,
        offsets);
  }
}
