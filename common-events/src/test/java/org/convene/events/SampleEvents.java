package org.convene.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The events behind the golden JSON samples, built in code. Shared with the services' tests
 * through this module's test jar.
 */
public final class SampleEvents {

  public static final MeetingId MEETING_ID = MeetingId.of(UUID.fromString("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01"));

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
        List.of(new ReferenceDocument("Work plan 2022 (draft)", "https://docs.bast.example.org/plan-2022.pdf")),
        List.of(
            new Participant("Shen Jie", "shen.jie@bast.example.org", ParticipantRole.CHAIR, "zh-CN", "Asia/Shanghai"),
            new Participant("Tian Wen", "tian.wen@bast.example.org", ParticipantRole.VOTING, "zh-CN", null),
            new Participant("Chen Weicheng", "chen.weicheng@bast.example.org", ParticipantRole.VOTING, "en", "Europe/Berlin"),
            new Participant("Li Na", "li.na@bast.example.org", ParticipantRole.NON_VOTING, "zh-CN", null),
            new Participant("Archive", "archive@bast.example.org", ParticipantRole.INFORMATION, "en", null)),
        List.of(
            new AgendaItem("Opening and speech", "shen.jie@bast.example.org", 20, null),
            new AgendaItem("Department work plans for 2022", "tian.wen@bast.example.org", 90, "Ten minutes per department"),
            new AgendaItem("Suggestions from bureau-level leaders", "chen.weicheng@bast.example.org", 40, null)),
        MeetingStatus.SCHEDULED);
  }

  public static MeetingScheduled meetingScheduled() {
    return new MeetingScheduled(
        EventId.of(UUID.fromString("5d1b2a8e-8a7c-4b7e-b1f2-6c0d1e2f3a41")),
        MEETING_ID,
        1,
        Instant.parse("2026-11-26T08:15:30.123Z"),
        theoryDiscussingMeeting());
  }
}
