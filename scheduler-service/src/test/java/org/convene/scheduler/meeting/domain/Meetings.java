package org.convene.scheduler.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Drafts.AgendaItemDraft;
import org.convene.scheduler.meeting.domain.Drafts.MeetingDraft;

/** Meetings for the aggregate's tests, a week after a clock fixed at today's date. */
final class Meetings {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Clock CLOCK =
      Clock.fixed(Instant.now().truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
  static final Instant NOW = CLOCK.instant();
  static final MeetingLimits LIMITS = new MeetingLimits(10, 5, Duration.ofHours(24));

  static final Mailbox CHAIR = Mailbox.of("shen.jie@bast.example.org");
  static final Mailbox TIAN = Mailbox.of("tian.wen@bast.example.org");
  static final Mailbox LI = Mailbox.of("li.na@bast.example.org");

  private Meetings() {}

  /** Nine in the morning, a week from the clock's today, in Shanghai. */
  static LocalDateTime nextWeek() {
    return LocalDateTime.ofInstant(NOW, SHANGHAI)
        .plusDays(7)
        .withHour(9)
        .truncatedTo(ChronoUnit.HOURS);
  }

  static MeetingTime nextWeekFor(Duration length) {
    return new MeetingTime(nextWeek(), nextWeek().plus(length), SHANGHAI);
  }

  static List<Participant> participants() {
    return new ArrayList<>(
        List.of(
            Participant.direct("Shen Jie", CHAIR, ParticipantRole.CHAIR, "zh-CN", null),
            Participant.direct("Tian Wen", TIAN, ParticipantRole.VOTING, "zh-CN", null),
            Participant.direct("Li Na", LI, ParticipantRole.NON_VOTING, "en", null)));
  }

  static List<AgendaItemDraft> agenda() {
    return new ArrayList<>(
        List.of(
            new AgendaItemDraft(null, "Opening", CHAIR, 20, null),
            new AgendaItemDraft(null, "Work plans", TIAN, 90, "Ten minutes each"),
            new AgendaItemDraft(null, "Suggestions", null, 40, null)));
  }

  static MeetingDraft draft() {
    return draft(nextWeekFor(Duration.ofMinutes(150)), participants(), agenda());
  }

  static MeetingDraft draft(
      MeetingTime time, List<Participant> participants, List<AgendaItemDraft> agenda) {
    return new MeetingDraft(
        "  Work planning  ",
        null,
        new Person("BAST General Office", Mailbox.of("office@bast.example.org")),
        time,
        "Room 1",
        " ",
        List.of(new Document(" Plan ", " https://docs.bast.example.org/plan.pdf ")),
        participants,
        agenda,
        List.of(60, 1440, 60),
        OffsetChoice.NONE);
  }

  /** A scheduled meeting; fails the test if it is refused. */
  static Meeting scheduled() {
    Outcome outcome = Meeting.schedule(MeetingId.random(), draft(), LIMITS, NOW);
    assertThat(outcome).isInstanceOf(Outcome.Changed.class);
    return ((Outcome.Changed) outcome).after();
  }

  static Meeting after(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Changed.class);
    return ((Outcome.Changed) outcome).after();
  }

  static MeetingChange change(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Changed.class);
    return ((Outcome.Changed) outcome).change();
  }

  static Failure failure(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused) outcome).failure();
  }

  static List<String> brokenFields(Outcome outcome) {
    Failure failure = failure(outcome);
    assertThat(failure).isInstanceOf(Failure.BrokenRules.class);
    return ((Failure.BrokenRules) failure).problems().stream().map(FieldProblem::field).toList();
  }
}
