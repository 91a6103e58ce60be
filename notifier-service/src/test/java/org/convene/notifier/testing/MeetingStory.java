package org.convene.notifier.testing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange;
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
import org.convene.events.ParticipantsChanged;
import org.convene.events.Person;
import org.convene.events.ReferenceDocument;
import org.convene.events.RoleChange;

/**
 * One meeting's life as the scheduler would publish it, with its own id and participants at their
 * own mail domain so that tests do not see each other's messages: each call returns the next event,
 * one revision up, with the snapshot after it.
 *
 * <p>The meeting takes place {@link #AHEAD} after the day the story is told, from 09:00 to 11:30 in
 * its zone (Asia/Shanghai): far enough that none of its default reminders (a day and an hour
 * before) falls due during a test run, on whatever day the tests run.
 */
public final class MeetingStory {

  public static final String OPENING = "item-opening";
  public static final String PLANS = "item-plans";
  public static final String SUGGESTIONS = "item-suggestions";

  /** How long after the day the story is told the meeting takes place. */
  public static final Period AHEAD = Period.ofDays(30);

  /** The meeting's own time zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final LocalTime START = LocalTime.of(9, 0);
  private static final LocalTime END = LocalTime.of(11, 30);

  private final MeetingId meetingId = MeetingId.random();
  private final Clock clock;
  private final String domain;
  private long revision;
  private MeetingSnapshot meeting;

  public MeetingStory(String domain) {
    this(domain, "2022 theory-discussing meeting");
  }

  public MeetingStory(String domain, String title) {
    this(domain, title, Clock.systemUTC());
  }

  /** A story told on the day of {@code clock}, whose events also occur at its instants. */
  public MeetingStory(String domain, String title, Clock clock) {
    this.clock = clock;
    this.domain = domain;
    LocalDate day = LocalDate.now(clock.withZone(ZONE)).plus(AHEAD);
    this.meeting =
        new MeetingSnapshot(
            title,
            "Approach and priorities of the association's work.",
            new Person("BAST General Office", "office@" + domain),
            day.atTime(START),
            day.atTime(END),
            ZONE.getId(),
            "Head office, meeting room 1",
            null,
            List.of(
                new ReferenceDocument("Work plan (draft)", "https://docs.example.org/plan.pdf")),
            List.of(
                new Participant(
                    "Shen Jie",
                    "shen.jie@" + domain,
                    ParticipantRole.CHAIR,
                    "zh-CN",
                    "Asia/Shanghai"),
                new Participant(
                    "Tian Wen", "tian.wen@" + domain, ParticipantRole.VOTING, "zh-CN", null),
                new Participant(
                    "Chen Weicheng",
                    "chen.weicheng@" + domain,
                    ParticipantRole.VOTING,
                    "en",
                    "Europe/Berlin"),
                new Participant(
                    "Li Na",
                    "li.na@" + domain,
                    ParticipantRole.NON_VOTING,
                    "zh-CN",
                    null,
                    "Deputy section directors"),
                new Participant(
                    "Archive", "archive@" + domain, ParticipantRole.INFORMATION, "en", null)),
            List.of(
                new AgendaItem("Opening and speech", "shen.jie@" + domain, 20, null, OPENING),
                new AgendaItem(
                    "Department work plans",
                    "tian.wen@" + domain,
                    90,
                    "Ten minutes per department",
                    PLANS),
                new AgendaItem(
                    "Suggestions from bureau-level leaders",
                    "li.na@" + domain,
                    40,
                    null,
                    SUGGESTIONS)),
            MeetingStatus.SCHEDULED);
  }

  public MeetingId meetingId() {
    return meetingId;
  }

  public String domain() {
    return domain;
  }

  public String mailbox(String localPart) {
    return localPart + "@" + domain;
  }

  public MeetingSnapshot meeting() {
    return meeting;
  }

  /** Replaces the snapshot before the meeting is scheduled, such as with hostile text. */
  public MeetingStory with(MeetingSnapshot snapshot) {
    this.meeting = snapshot;
    return this;
  }

  public MeetingScheduled scheduled() {
    return new MeetingScheduled(EventId.random(), meetingId, ++revision, clock.instant(), meeting);
  }

  /** The last item moves up to second place: it starts earlier, the one it overtakes later. */
  public AgendaChanged suggestionsMovedUp() {
    List<AgendaItem> before = meeting.agenda();
    LocalDateTime start = meeting.start();
    LocalDateTime second = start.plusMinutes(before.get(0).durationMinutes());
    LocalDateTime third = second.plusMinutes(before.get(1).durationMinutes());
    List<AgendaItem> after = List.of(before.get(0), before.get(2), before.get(1));
    meeting =
        copy(
            meeting.title(),
            meeting.location(),
            meeting.start(),
            meeting.end(),
            meeting.participants(),
            after,
            meeting.status());
    LocalDateTime movedTo = second;
    LocalDateTime overtakenTo = second.plusMinutes(before.get(2).durationMinutes());
    return new AgendaChanged(
        EventId.random(),
        meetingId,
        ++revision,
        clock.instant(),
        meeting,
        List.of(
            new AgendaItemChange(
                AgendaItemChange.Kind.MOVED,
                before.get(2).id(),
                before.get(2).title(),
                null,
                3,
                2,
                third,
                movedTo,
                null,
                null,
                null,
                null),
            new AgendaItemChange(
                AgendaItemChange.Kind.MOVED,
                before.get(1).id(),
                before.get(1).title(),
                null,
                2,
                3,
                second,
                overtakenTo,
                null,
                null,
                null,
                null)));
  }

  public MeetingRescheduled rescheduledTo(LocalDateTime start) {
    MeetingTime previous = meeting.time();
    LocalDateTime end = start.plus(java.time.Duration.between(meeting.start(), meeting.end()));
    meeting =
        copy(
            meeting.title(),
            meeting.location(),
            start,
            end,
            meeting.participants(),
            meeting.agenda(),
            meeting.status());
    return new MeetingRescheduled(
        EventId.random(), meetingId, ++revision, clock.instant(), meeting, previous);
  }

  public MeetingDetailsChanged movedToRoom(String location) {
    String before = meeting.location();
    meeting =
        copy(
            meeting.title(),
            location,
            meeting.start(),
            meeting.end(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());
    return new MeetingDetailsChanged(
        EventId.random(),
        meetingId,
        ++revision,
        clock.instant(),
        meeting,
        List.of(new FieldChange("location", before, location)));
  }

  public ParticipantsChanged participantsChanged(
      List<Participant> added, List<String> removedLocalParts, List<RoleChange> roleChanges) {
    List<Participant> participants = new ArrayList<>();
    List<Participant> removed = new ArrayList<>();
    for (Participant participant : meeting.participants()) {
      if (removedLocalParts.stream()
          .anyMatch(local -> participant.email().equals(mailbox(local)))) {
        removed.add(participant);
      } else {
        RoleChange change =
            roleChanges.stream()
                .filter(c -> c.email().equals(participant.email()))
                .findFirst()
                .orElse(null);
        participants.add(
            change == null
                ? participant
                : new Participant(
                    participant.name(),
                    participant.email(),
                    change.after(),
                    participant.language(),
                    participant.timeZone(),
                    participant.group()));
      }
    }
    participants.addAll(added);
    meeting =
        copy(
            meeting.title(),
            meeting.location(),
            meeting.start(),
            meeting.end(),
            participants,
            meeting.agenda(),
            meeting.status());
    return new ParticipantsChanged(
        EventId.random(),
        meetingId,
        ++revision,
        clock.instant(),
        meeting,
        added,
        removed,
        roleChanges);
  }

  public ParticipantsChanged added(Participant participant) {
    return participantsChanged(List.of(participant), List.of(), List.of());
  }

  public ParticipantsChanged removed(String localPart) {
    return participantsChanged(List.of(), List.of(localPart), List.of());
  }

  public MeetingCancelled cancelled(String reason) {
    meeting =
        copy(
            meeting.title(),
            meeting.location(),
            meeting.start(),
            meeting.end(),
            meeting.participants(),
            meeting.agenda(),
            MeetingStatus.CANCELLED);
    return new MeetingCancelled(
        EventId.random(), meetingId, ++revision, clock.instant(), meeting, reason);
  }

  /** A new participant at this meeting's domain. */
  public Participant person(String name, String localPart, ParticipantRole role, String language) {
    return new Participant(name, mailbox(localPart), role, language, null);
  }

  private MeetingSnapshot copy(
      String title,
      String location,
      LocalDateTime start,
      LocalDateTime end,
      List<Participant> participants,
      List<AgendaItem> agenda,
      MeetingStatus status) {
    return new MeetingSnapshot(
        title,
        meeting.description(),
        meeting.organiser(),
        start,
        end,
        meeting.timeZone(),
        location,
        meeting.onlineLink(),
        meeting.documents(),
        participants,
        agenda,
        status,
        meeting.reminderMinutesBefore());
  }

  /** A domain no other test uses. */
  public static String uniqueDomain(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
  }
}
