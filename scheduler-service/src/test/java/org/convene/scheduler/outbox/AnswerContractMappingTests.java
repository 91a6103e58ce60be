package org.convene.scheduler.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.convene.events.RoleTally;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.answer.domain.QuorumMoved;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;
import org.junit.jupiter.api.Test;

/** What the notifier receives for a recorded answer. */
class AnswerContractMappingTests {

  private static final Instant AT = Instant.parse("2026-12-02T08:30:00Z");
  private static final Mailbox CHAIR = Mailbox.of("shen.jie@bast.example.org");
  private static final Mailbox TIAN = Mailbox.of("Tian.Wen@bast.example.org");

  private final LocalDateTime start = LocalDateTime.parse("2026-12-27T09:00");
  private final Meeting meeting =
      new Meeting(
          MeetingId.random(),
          "Theory meeting",
          "",
          new Person("BAST General Office", Mailbox.of("office@bast.example.org")),
          new MeetingTime(start, start.plusHours(2), ZoneId.of("Asia/Shanghai")),
          "Room 1",
          null,
          List.of(),
          List.of(
              Participant.direct("Shen Jie", CHAIR, ParticipantRole.CHAIR, "zh-CN", null),
              Participant.direct("Tian Wen", TIAN, ParticipantRole.VOTING, "zh-CN", null),
              Participant.direct(
                  "Chen Weicheng",
                  Mailbox.of("chen.weicheng@bast.example.org"),
                  ParticipantRole.VOTING,
                  "en",
                  null)),
          List.of(),
          MeetingStatus.SCHEDULED,
          List.of());

  @Test
  void anAnswerKeepsTheMeetingsRevisionAndNamesTheRevisionAnswered() {
    MeetingAnswers answers =
        new MeetingAnswers(
            meeting,
            4,
            org.convene.scheduler.meeting.domain.QuorumRule.DEFAULT,
            Map.of(
                CHAIR, new Answer(CHAIR, AnswerStatus.ACCEPTED, null, 4, AT, Channel.LINK, null)));
    AnswerOutcome.Recorded recorded =
        (AnswerOutcome.Recorded)
            answers.answer(
                new Answer(
                    Mailbox.of("tian.wen@BAST.example.org"),
                    AnswerStatus.ACCEPTED,
                    null,
                    2,
                    AT,
                    Channel.CALENDAR_REPLY,
                    "Fine"));

    AttendeeAnswered event = ContractMapping.answered(EventId.random(), AT, recorded);
    QuorumChanged changed =
        ContractMapping.quorumChanged(EventId.random(), AT, recorded.quorumMoved());

    assertThat(event.revision()).isEqualTo(4);
    assertThat(event.answeredRevision()).isEqualTo(2);
    assertThat(event.attendee())
        .as("the address as invited")
        .isEqualTo("Tian.Wen@bast.example.org");
    assertThat(event.channel()).isEqualTo(AnswerChannel.CALENDAR_REPLY);
    assertThat(event.comment()).isEqualTo("Fine");
    assertThat(event.previous()).isNull();
    assertThat(event.tallies())
        .containsExactly(
            new RoleTally(org.convene.events.ParticipantRole.CHAIR, 1, 1, 0, 0, 0, 0),
            new RoleTally(org.convene.events.ParticipantRole.VOTING, 2, 1, 0, 0, 0, 1));
    assertThat(event.quorum().rule())
        .isEqualTo(new QuorumRule(QuorumRule.Kind.MAJORITY, null, true));
    assertThat(event.quorum().state()).isEqualTo(QuorumState.MET);
    assertThat(event.meeting().title()).isEqualTo("Theory meeting");
    assertThat(changed.revision()).isEqualTo(4);
    assertThat(changed.from()).isEqualTo(QuorumState.AT_RISK);
    assertThat(changed.to()).isEqualTo(QuorumState.MET);
  }

  @Test
  void aNewRuleTravelsWithTheRuleBeforeTheFiguresNowAndTheMeetingUnderIt() {
    var fixedThree =
        new org.convene.scheduler.meeting.domain.QuorumRule(
            org.convene.scheduler.meeting.domain.QuorumRule.Kind.FIXED, 3, true);
    MeetingAnswers before =
        new MeetingAnswers(
            meeting, 4, org.convene.scheduler.meeting.domain.QuorumRule.DEFAULT, Map.of());
    MeetingAnswers after = before.withRule(fixedThree);

    QuorumRuleChanged event =
        ContractMapping.quorumRuleChanged(
            EventId.random(), AT, new QuorumMoved(meeting, 4, before.quorum(), after.quorum()));

    assertThat(event.revision()).isEqualTo(4);
    assertThat(event.previous()).isEqualTo(new QuorumRule(QuorumRule.Kind.MAJORITY, null, true));
    assertThat(event.meeting().quorumRule())
        .isEqualTo(new QuorumRule(QuorumRule.Kind.FIXED, 3, true));
    assertThat(event.quorum().rule()).isEqualTo(event.meeting().quorumRule());
    assertThat(event.quorum().required()).isEqualTo(3);
    assertThat(event.quorum().state())
        .as("three voting members, none answered: still reachable")
        .isEqualTo(QuorumState.AT_RISK);
  }

  @Test
  void anAnswersSnapshotCarriesTheRuleItWasCountedUnder() {
    var fraction =
        new org.convene.scheduler.meeting.domain.QuorumRule(
            org.convene.scheduler.meeting.domain.QuorumRule.Kind.FRACTION, 50, false);
    AnswerOutcome.Recorded recorded =
        (AnswerOutcome.Recorded)
            new MeetingAnswers(meeting, 1, fraction, Map.of())
                .answer(new Answer(TIAN, AnswerStatus.ACCEPTED, null, 1, AT, Channel.LINK, null));

    AttendeeAnswered event = ContractMapping.answered(EventId.random(), AT, recorded);

    assertThat(event.meeting().quorumRule())
        .isEqualTo(new QuorumRule(QuorumRule.Kind.FRACTION, 50, false))
        .isEqualTo(event.quorum().rule());
  }
}
