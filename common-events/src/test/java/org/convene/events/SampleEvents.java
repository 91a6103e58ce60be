package org.convene.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events behind the golden JSON samples, built in code. Shared with the services' tests through
 * this module's test jar.
 *
 * <p>Their dates are fixed: they are data, pinned by the golden files, not schedules. A test whose
 * outcome depends on when a meeting takes place relative to the real clock (reminders, meetings in
 * the past) takes {@link #upcoming(Clock)} instead, so that it passes on any day of any year.
 */
public final class SampleEvents {

  /** How long after today {@link #upcoming(Clock)} puts the sample meeting. */
  public static final Period AHEAD = Period.ofDays(30);

  public static final MeetingId MEETING_ID =
      MeetingId.of(UUID.fromString("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01"));

  static final String OPENING = "4f0c9a5e-1d1a-4c8e-9d2b-6b8f0a7c1e01";
  static final String WORK_PLANS = "4f0c9a5e-1d1a-4c8e-9d2b-6b8f0a7c1e02";
  static final String SUGGESTIONS = "4f0c9a5e-1d1a-4c8e-9d2b-6b8f0a7c1e03";

  private SampleEvents() {}

  public static MeetingSnapshot theoryDiscussingMeeting() {
    return new MeetingSnapshot(
        "2022 theory-discussing meeting",
        "Approach and priorities of BAST's work for 2022.",
        new Person("BAST General Office", "office@bast.example.org"),
        LocalDateTime.parse("2026-12-27T09:00"),
        LocalDateTime.parse("2026-12-27T11:30"),
        "Asia/Shanghai",
        "BAST head office, meeting room 1",
        null,
        List.of(
            new ReferenceDocument(
                "Work plan 2022 (draft)", "https://docs.bast.example.org/plan-2022.pdf")),
        List.of(
            new Participant(
                "Shen Jie",
                "shen.jie@bast.example.org",
                ParticipantRole.CHAIR,
                "zh-CN",
                "Asia/Shanghai"),
            new Participant(
                "Tian Wen", "tian.wen@bast.example.org", ParticipantRole.VOTING, "zh-CN", null),
            new Participant(
                "Chen Weicheng",
                "chen.weicheng@bast.example.org",
                ParticipantRole.VOTING,
                "en",
                "Europe/Berlin"),
            new Participant(
                "Li Na",
                "li.na@bast.example.org",
                ParticipantRole.NON_VOTING,
                "zh-CN",
                null,
                "Deputy section directors"),
            new Participant(
                "Archive", "archive@bast.example.org", ParticipantRole.INFORMATION, "en", null)),
        List.of(
            new AgendaItem("Opening and speech", "shen.jie@bast.example.org", 20, null, OPENING),
            new AgendaItem(
                "Department work plans for 2022",
                "tian.wen@bast.example.org",
                90,
                "Ten minutes per department",
                WORK_PLANS),
            new AgendaItem(
                "Suggestions from bureau-level leaders",
                "chen.weicheng@bast.example.org",
                40,
                null,
                SUGGESTIONS)),
        MeetingStatus.SCHEDULED,
        List.of(1440, 60));
  }

  /**
   * The sample meeting {@link #AHEAD} after today by {@code clock}, in the meeting's own zone, at
   * the same times of day and as long: none of its reminders (a day and an hour before) falls due
   * soon.
   */
  public static MeetingSnapshot upcoming(Clock clock) {
    MeetingSnapshot sample = theoryDiscussingMeeting();
    LocalDate day = LocalDate.now(clock.withZone(ZoneId.of(sample.timeZone()))).plus(AHEAD);
    LocalDateTime start = day.atTime(sample.start().toLocalTime());
    return new MeetingSnapshot(
        sample.title(),
        sample.description(),
        sample.organiser(),
        start,
        start.plus(Duration.between(sample.start(), sample.end())),
        sample.timeZone(),
        sample.location(),
        sample.onlineLink(),
        sample.documents(),
        sample.participants(),
        sample.agenda(),
        sample.status(),
        sample.reminderMinutesBefore());
  }

  public static MeetingScheduled meetingScheduled() {
    return new MeetingScheduled(
        eventId(1),
        MEETING_ID,
        1,
        Instant.parse("2026-11-26T08:15:30.123Z"),
        theoryDiscussingMeeting());
  }

  public static MeetingDetailsChanged meetingDetailsChanged() {
    MeetingSnapshot before = theoryDiscussingMeeting();
    MeetingSnapshot after =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            before.timeZone(),
            "BAST head office, meeting room 3",
            before.onlineLink(),
            before.documents(),
            before.participants(),
            before.agenda(),
            before.status(),
            before.reminderMinutesBefore());
    return new MeetingDetailsChanged(
        eventId(2),
        MEETING_ID,
        2,
        Instant.parse("2026-11-27T09:00:00Z"),
        after,
        List.of(
            new FieldChange(
                "location",
                "BAST head office, meeting room 1",
                "BAST head office, meeting room 3")));
  }

  public static MeetingRescheduled meetingRescheduled() {
    MeetingSnapshot before = theoryDiscussingMeeting();
    MeetingSnapshot after =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            LocalDateTime.parse("2026-12-28T14:00"),
            LocalDateTime.parse("2026-12-28T16:30"),
            before.timeZone(),
            before.location(),
            before.onlineLink(),
            before.documents(),
            before.participants(),
            before.agenda(),
            before.status(),
            before.reminderMinutesBefore());
    return new MeetingRescheduled(
        eventId(3), MEETING_ID, 3, Instant.parse("2026-11-28T10:00:00Z"), after, before.time());
  }

  public static AgendaChanged agendaChanged() {
    MeetingSnapshot before = theoryDiscussingMeeting();
    List<AgendaItem> items =
        List.of(
            before.agenda().get(0),
            new AgendaItem(
                "Suggestions from bureau-level leaders",
                "li.na@bast.example.org",
                40,
                null,
                SUGGESTIONS),
            new AgendaItem(
                "Department work plans for 2022",
                "tian.wen@bast.example.org",
                60,
                "Ten minutes per department",
                WORK_PLANS));
    MeetingSnapshot after =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            before.timeZone(),
            before.location(),
            before.onlineLink(),
            before.documents(),
            before.participants(),
            items,
            before.status(),
            before.reminderMinutesBefore());
    return new AgendaChanged(
        eventId(4),
        MEETING_ID,
        4,
        Instant.parse("2026-11-29T11:00:00Z"),
        after,
        List.of(
            new AgendaItemChange(
                AgendaItemChange.Kind.MOVED,
                SUGGESTIONS,
                "Suggestions from bureau-level leaders",
                null,
                3,
                2,
                LocalDateTime.parse("2026-12-27T10:50"),
                LocalDateTime.parse("2026-12-27T09:20"),
                null,
                null,
                null,
                null),
            new AgendaItemChange(
                AgendaItemChange.Kind.PRESENTER_CHANGED,
                SUGGESTIONS,
                "Suggestions from bureau-level leaders",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "chen.weicheng@bast.example.org",
                "li.na@bast.example.org"),
            new AgendaItemChange(
                AgendaItemChange.Kind.MOVED,
                WORK_PLANS,
                "Department work plans for 2022",
                null,
                2,
                3,
                LocalDateTime.parse("2026-12-27T09:20"),
                LocalDateTime.parse("2026-12-27T10:00"),
                null,
                null,
                null,
                null),
            new AgendaItemChange(
                AgendaItemChange.Kind.RETIMED,
                WORK_PLANS,
                "Department work plans for 2022",
                null,
                null,
                null,
                null,
                null,
                90,
                60,
                null,
                null)));
  }

  public static ParticipantsChanged participantsChanged() {
    MeetingSnapshot before = theoryDiscussingMeeting();
    Participant added =
        new Participant(
            "Zhang Wei",
            "zhang.wei@bast.example.org",
            ParticipantRole.NON_VOTING,
            "zh-CN",
            null,
            "Deputy section directors");
    Participant removed = before.participants().get(4);
    List<Participant> participants = new java.util.ArrayList<>(before.participants().subList(0, 4));
    participants.set(
        2,
        new Participant(
            "Chen Weicheng",
            "chen.weicheng@bast.example.org",
            ParticipantRole.OPTIONAL,
            "en",
            "Europe/Berlin"));
    participants.add(added);
    MeetingSnapshot after =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            before.timeZone(),
            before.location(),
            before.onlineLink(),
            before.documents(),
            participants,
            before.agenda(),
            before.status(),
            before.reminderMinutesBefore());
    return new ParticipantsChanged(
        eventId(5),
        MEETING_ID,
        5,
        Instant.parse("2026-11-30T12:00:00Z"),
        after,
        List.of(added),
        List.of(removed),
        List.of(
            new RoleChange(
                "chen.weicheng@bast.example.org",
                "Chen Weicheng",
                ParticipantRole.VOTING,
                ParticipantRole.OPTIONAL)));
  }

  public static MeetingCancelled meetingCancelled() {
    MeetingSnapshot before = theoryDiscussingMeeting();
    MeetingSnapshot after =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            before.timeZone(),
            before.location(),
            before.onlineLink(),
            before.documents(),
            before.participants(),
            before.agenda(),
            MeetingStatus.CANCELLED,
            before.reminderMinutesBefore());
    return new MeetingCancelled(
        eventId(6),
        MEETING_ID,
        6,
        Instant.parse("2026-12-01T13:00:00Z"),
        after,
        "The chair is travelling.");
  }

  /**
   * Tian Wen accepts revision 5 of the meeting by link; the chair and she make the quorum of two.
   */
  public static AttendeeAnswered attendeeAnswered() {
    return new AttendeeAnswered(
        eventId(7),
        MEETING_ID,
        5,
        Instant.parse("2026-12-02T08:30:00Z"),
        theoryDiscussingMeeting(),
        "tian.wen@bast.example.org",
        "Tian Wen",
        ParticipantRole.VOTING,
        Answer.ACCEPTED,
        null,
        5,
        AnswerChannel.LINK,
        "Will bring the department's plan",
        Instant.parse("2026-12-02T08:29:58Z"),
        Answer.TENTATIVE,
        List.of(
            new RoleTally(ParticipantRole.CHAIR, 1, 1, 0, 0, 0, 0),
            new RoleTally(ParticipantRole.VOTING, 2, 1, 0, 0, 0, 1),
            new RoleTally(ParticipantRole.NON_VOTING, 1, 0, 0, 1, 0, 0)),
        quorum(QuorumState.MET, 2, 0, 1));
  }

  /** The same answer moved the quorum from at risk to met. */
  public static QuorumChanged quorumChanged() {
    return new QuorumChanged(
        eventId(8),
        MEETING_ID,
        5,
        Instant.parse("2026-12-02T08:30:00Z"),
        theoryDiscussingMeeting(),
        QuorumState.AT_RISK,
        QuorumState.MET,
        quorum(QuorumState.MET, 2, 0, 1));
  }

  /**
   * The organiser then asks for 60 % of the voting members: two of three, as before, so the state
   * stays met and no {@link QuorumChanged} follows.
   */
  public static QuorumRuleChanged quorumRuleChanged() {
    QuorumRule sixtyPercent = new QuorumRule(QuorumRule.Kind.FRACTION, 60, true);
    return new QuorumRuleChanged(
        eventId(9),
        MEETING_ID,
        5,
        Instant.parse("2026-12-02T09:00:00Z"),
        theoryDiscussingMeeting().withQuorumRule(sixtyPercent),
        QuorumRule.DEFAULT,
        new Quorum(sixtyPercent, 3, 2, 2, 0, 1, QuorumState.MET));
  }

  private static Quorum quorum(QuorumState state, int accepted, int tentative, int pending) {
    return new Quorum(QuorumRule.DEFAULT, 3, 2, accepted, tentative, pending, state);
  }

  /** Chen Weicheng's Outlook declines revision 3, with a comment. */
  public static ReplyReceived replyReceived() {
    return new ReplyReceived(
        "<A1B2C3@EXCHANGE.example.org>",
        "chen.weicheng@bast.example.org",
        "Chen.Weicheng@bast.example.org",
        "DECLINED",
        3,
        Instant.parse("2026-12-02T09:15:00Z"),
        MEETING_ID.toString(),
        "Travelling that week",
        null,
        Instant.parse("2026-12-02T09:15:07Z"));
  }

  /** The update of revision 3 to Chen Weicheng, refused for good by the mail server. */
  public static DeliveryReported deliveryReported() {
    return new DeliveryReported(
        "5d0f2b7e-8a43-4c1e-9a0b-6f1e2d3c4b5a",
        MEETING_ID,
        3,
        "chen.weicheng@bast.example.org",
        "UPDATE",
        DeliveryReported.State.FAILED,
        "550 5.1.1 <chen.weicheng@bast.example.org>: Recipient address rejected",
        Instant.parse("2026-12-02T09:15:07Z"));
  }

  /** Every sample event by the name of its golden file. */
  public static Map<String, MeetingEvent> byGoldenFile() {
    return Map.of(
        "MeetingScheduled.v1.json", meetingScheduled(),
        "MeetingDetailsChanged.v1.json", meetingDetailsChanged(),
        "MeetingRescheduled.v1.json", meetingRescheduled(),
        "AgendaChanged.v1.json", agendaChanged(),
        "ParticipantsChanged.v1.json", participantsChanged(),
        "MeetingCancelled.v1.json", meetingCancelled(),
        "AttendeeAnswered.v1.json", attendeeAnswered(),
        "QuorumChanged.v1.json", quorumChanged(),
        "QuorumRuleChanged.v1.json", quorumRuleChanged());
  }

  private static EventId eventId(int n) {
    return EventId.of(UUID.fromString("5d1b2a8e-8a7c-4b7e-b1f2-6c0d1e2f3a4" + n));
  }
}
