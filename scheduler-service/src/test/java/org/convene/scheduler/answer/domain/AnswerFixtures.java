package org.convene.scheduler.answer.domain;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;

/**
 * Meetings to answer, built directly: the rules of answers do not depend on how a meeting was made.
 */
final class AnswerFixtures {

  static final Mailbox CHAIR = Mailbox.of("shen.jie@bast.example.org");
  static final Mailbox TIAN = Mailbox.of("tian.wen@bast.example.org");
  static final Mailbox CHEN = Mailbox.of("chen.weicheng@bast.example.org");
  static final Mailbox LI = Mailbox.of("li.na@bast.example.org");
  static final Mailbox ARCHIVE = Mailbox.of("archive@bast.example.org");

  private AnswerFixtures() {}

  /** A chair, two voting members, a non-voting attendee, an information copy. */
  static Meeting theoryMeeting() {
    return meeting(
        List.of(
            Participant.direct("Shen Jie", CHAIR, ParticipantRole.CHAIR, "zh-CN", null),
            Participant.direct("Tian Wen", TIAN, ParticipantRole.VOTING, "zh-CN", null),
            Participant.direct("Chen Weicheng", CHEN, ParticipantRole.VOTING, "en", null),
            Participant.direct("Li Na", LI, ParticipantRole.NON_VOTING, "zh-CN", null),
            Participant.direct("Archive", ARCHIVE, ParticipantRole.INFORMATION, "en", null)));
  }

  /**
   * A chair and {@code voting - 1} voting members, plus one optional and one non-voting attendee.
   */
  static Meeting withVoters(int voting) {
    List<Participant> participants = new ArrayList<>();
    participants.add(Participant.direct("Chair", CHAIR, ParticipantRole.CHAIR, "en", null));
    for (int i = 1; i < voting; i++) {
      participants.add(
          Participant.direct("Member " + i, member(i), ParticipantRole.VOTING, "en", null));
    }
    participants.add(
        Participant.direct(
            "Optional",
            Mailbox.of("optional@bast.example.org"),
            ParticipantRole.OPTIONAL,
            "en",
            null));
    participants.add(
        Participant.direct(
            "Observer",
            Mailbox.of("observer@bast.example.org"),
            ParticipantRole.NON_VOTING,
            "en",
            null));
    return meeting(participants);
  }

  static Mailbox member(int i) {
    return Mailbox.of("member" + i + "@bast.example.org");
  }

  static Meeting meeting(List<Participant> participants) {
    LocalDateTime start = LocalDateTime.parse("2026-12-27T09:00");
    return new Meeting(
        MeetingId.random(),
        "2022 theory-discussing meeting",
        "",
        new Person("BAST General Office", Mailbox.of("office@bast.example.org")),
        new MeetingTime(start, start.plusMinutes(150), ZoneId.of("Asia/Shanghai")),
        "Room 1",
        null,
        List.of(),
        participants,
        List.of(),
        MeetingStatus.SCHEDULED,
        List.of());
  }

  static Meeting cancelled(Meeting meeting) {
    return new Meeting(
        meeting.id(),
        meeting.title(),
        meeting.description(),
        meeting.organiser(),
        meeting.time(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        meeting.participants(),
        meeting.agenda(),
        MeetingStatus.CANCELLED,
        meeting.reminderMinutesBefore());
  }
}
