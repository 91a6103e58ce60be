package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItemChange.Kind;
import org.convene.events.AgendaItemChange;
import org.convene.events.EventId;
import org.convene.events.FieldChange;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;

class ChangeLinesTests {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final AgendaChanged agendaChanged = SampleEvents.agendaChanged();
  private final Participant liNa = participant(agendaChanged, "li.na@bast.example.org");
  private final Participant tianWen = participant(agendaChanged, "tian.wen@bast.example.org");

  @Test
  void agendaChangesSayWhichItemMovedFromWhenToWhenInTheRecipientsZone() {
    ChangeLines.Lines lines = lines(List.of(agendaChanged), agendaChanged, participant(agendaChanged, "archive@bast.example.org"), BERLIN);

    assertThat(lines.yours()).isEmpty();
    assertThat(lines.others())
        .containsExactly(
            "Item 2 “Suggestions from bureau-level leaders” moved from 03:50 to 02:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na",
            "Item 3 “Department work plans for 2022” moved from 02:20 to 03:00",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min");
  }

  @Test
  void aPresenterSeesTheChangesToTheirOwnItemsFirst() {
    ChangeLines.Lines forLiNa = lines(List.of(agendaChanged), agendaChanged, liNa, SHANGHAI);
    ChangeLines.Lines forTianWen = lines(List.of(agendaChanged), agendaChanged, tianWen, SHANGHAI);

    assertThat(forLiNa.yours())
        .containsExactly(
            "Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na");
    assertThat(forLiNa.others()).containsExactly("Item 3 “Department work plans for 2022” moved from 09:20 to 10:00",
        "Item 3 “Department work plans for 2022”: 90 min → 60 min");
    assertThat(forTianWen.yours()).containsExactly("Item 3 “Department work plans for 2022” moved from 09:20 to 10:00",
        "Item 3 “Department work plans for 2022”: 90 min → 60 min");
    // The presenter who lost the item hears about it first too.
    assertThat(lines(List.of(agendaChanged), agendaChanged, participant(agendaChanged, "chen.weicheng@bast.example.org"), SHANGHAI).yours())
        .contains("Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na");
  }

  @Test
  void aBurstOfChangesReadsAsOneListFromFirstValueToLast() {
    MeetingSnapshot meeting = agendaChanged.meeting();
    String plans = meeting.agenda().get(2).id();
    AgendaChanged movedAgain = agenda(meeting, 5,
        new AgendaItemChange(Kind.MOVED, plans, "Department work plans for 2022", null, 3, 3, LocalDateTime.parse("2026-12-27T10:00"),
            LocalDateTime.parse("2026-12-27T10:15"), null, null, null, null),
        new AgendaItemChange(Kind.ADDED, "new-item", "Tea break", null, null, 4, null, LocalDateTime.parse("2026-12-27T11:15"), null, 15, null, null));
    AgendaChanged breakDropped = agenda(meeting, 6,
        new AgendaItemChange(Kind.REMOVED, "new-item", "Tea break", null, 4, null, LocalDateTime.parse("2026-12-27T11:15"), null, null, null, null, null));
    MeetingRescheduled first = rescheduled(meeting, 7, meeting.time(), LocalDateTime.parse("2026-12-28T09:00"));
    MeetingRescheduled second = rescheduled(first.meeting(), 8, first.meeting().time(), LocalDateTime.parse("2026-12-29T14:00"));
    MeetingDetailsChanged room = new MeetingDetailsChanged(EventId.random(), agendaChanged.meetingId(), 9, Instant.now(), second.meeting(), List.of(
        new FieldChange("location", "Room 1", "Room 2"), new FieldChange("title", "Old", "Old")));
    MeetingDetailsChanged roomAgain = new MeetingDetailsChanged(EventId.random(), agendaChanged.meetingId(), 10, Instant.now(), second.meeting(), List.of(
        new FieldChange("location", "Room 2", "Room 3"), new FieldChange("description", "a", "b")));
    List<MeetingEvent> events = List.of(agendaChanged, movedAgain, breakDropped, first, second, room, roomAgain);

    ChangeLines.Lines lines = lines(events, roomAgain, participant(agendaChanged, "archive@bast.example.org"), SHANGHAI);

    assertThat(lines.others())
        .containsExactly(
            "Time: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai) → Tuesday, December 29, 2026 14:00–16:30 (Asia/Shanghai)",
            "Place: Room 1 → Room 3",
            "The description was updated.",
            "Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na",
            "Item 3 “Department work plans for 2022” moved from 09:20 to 10:15",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min")
        .noneMatch(line -> line.contains("Tea break") || line.contains("Title"));
  }

  @Test
  void participantChangesNameWhoCameWhoLeftAndWhoseRoleChangedTheRecipientsOwnFirst() {
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    Participant chen = participant(changed, "chen.weicheng@bast.example.org");

    ChangeLines.Lines forChen = lines(List.of(changed), changed, chen, BERLIN);
    ChangeLines.Lines forTian = ChangeLines.of(List.of(changed), changed, participant(changed, "tian.wen@bast.example.org"), SHANGHAI,
        Locale.SIMPLIFIED_CHINESE, MailFixtures.MESSAGES);

    assertThat(forChen.yours()).containsExactly("Your role: Voting member → Optional attendee");
    assertThat(forChen.others()).containsExactly("Invited: Zhang Wei (Non-voting attendee)", "No longer invited: Archive");
    assertThat(forTian.yours()).isEmpty();
    assertThat(forTian.others()).containsExactly("新增参会人员：Zhang Wei（列席）", "不再参会：Archive", "Chen Weicheng 的身份：表决成员 → 可选参会人");
  }

  @Test
  void someoneRemovedAndInvitedAgainWithinTheBurstIsNotMentioned() {
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    Participant archive = changed.removed().getFirst();
    List<Participant> back = new ArrayList<>(changed.meeting().participants());
    back.add(archive);
    MeetingSnapshot after = with(changed.meeting(), back);
    ParticipantsChanged reAdded = new ParticipantsChanged(EventId.random(), changed.meetingId(), 6, Instant.now(), after, List.of(archive), List.of(),
        List.of(new RoleChange("chen.weicheng@bast.example.org", "Chen Weicheng", ParticipantRole.OPTIONAL, ParticipantRole.VOTING)));

    ChangeLines.Lines lines = lines(List.of(changed, reAdded), reAdded, participant(changed, "tian.wen@bast.example.org"), SHANGHAI);

    assertThat(lines.others()).containsExactly("Invited: Zhang Wei (Non-voting attendee)");
  }

  private static ChangeLines.Lines lines(List<MeetingEvent> events, MeetingEvent current, Participant recipient, ZoneId zone) {
    return ChangeLines.of(events, current, recipient, zone, Locale.ENGLISH, MailFixtures.MESSAGES);
  }

  private static Participant participant(MeetingEvent event, String email) {
    return event.meeting().participants().stream().filter(p -> p.email().equals(email)).findFirst().orElseThrow();
  }

  private static AgendaChanged agenda(MeetingSnapshot meeting, long revision, AgendaItemChange... changes) {
    return new AgendaChanged(EventId.random(), SampleEvents.MEETING_ID, revision, Instant.now(), meeting, List.of(changes));
  }

  private static MeetingRescheduled rescheduled(MeetingSnapshot meeting, long revision, MeetingTime previous, LocalDateTime start) {
    LocalDateTime end = start.plus(java.time.Duration.between(meeting.start(), meeting.end()));
    MeetingSnapshot after = new MeetingSnapshot(meeting.title(), meeting.description(), meeting.organiser(), start, end, meeting.timeZone(),
        meeting.location(), meeting.onlineLink(), meeting.documents(), meeting.participants(), meeting.agenda(), meeting.status());
    return new MeetingRescheduled(EventId.random(), SampleEvents.MEETING_ID, revision, Instant.now(), after, previous);
  }

  private static MeetingSnapshot with(MeetingSnapshot meeting, List<Participant> participants) {
    return new MeetingSnapshot(meeting.title(), meeting.description(), meeting.organiser(), meeting.start(), meeting.end(), meeting.timeZone(),
        meeting.location(), meeting.onlineLink(), meeting.documents(), participants, meeting.agenda(), meeting.status());
  }
}
