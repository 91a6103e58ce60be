package org.convene.scheduler.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItemChange;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.ParticipantsChanged;
import org.convene.events.RoleChange;
import org.convene.scheduler.meeting.domain.Document;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingLimits;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.OffsetChoice;
import org.convene.scheduler.meeting.domain.Outcome;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.junit.jupiter.api.Test;

/** What the notifier receives for a change the aggregate reports. */
class ContractMappingTests {

  private static final MeetingLimits LIMITS = new MeetingLimits(100, 100, Duration.ofHours(24));
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Mailbox CHAIR = Mailbox.of("Shen.Jie@bast.example.org");
  private static final EventId EVENT = EventId.random();
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  private final LocalDateTime start =
      LocalDateTime.now(SHANGHAI).plusDays(7).withHour(9).truncatedTo(ChronoUnit.HOURS);

  @Test
  void aScheduledMeetingBecomesTheWholeSnapshotWithAddressesAsTyped() {
    Outcome.Changed scheduled = schedule();

    MeetingEvent event =
        ContractMapping.event(
            EVENT, 1, AT, scheduled.after(), QuorumRule.DEFAULT, scheduled.change());

    assertThat(event).isInstanceOf(MeetingScheduled.class);
    assertThat(event.meetingId()).isEqualTo(scheduled.after().id());
    MeetingSnapshot snapshot = event.meeting();
    assertThat(snapshot.organiser().email()).isEqualTo("office@bast.example.org");
    assertThat(snapshot.start()).isEqualTo(start);
    assertThat(snapshot.timeZone()).isEqualTo("Asia/Shanghai");
    assertThat(snapshot.participants())
        .extracting(p -> p.email() + "/" + p.role())
        .containsExactly("Shen.Jie@bast.example.org/CHAIR", "tian.wen@bast.example.org/VOTING");
    assertThat(snapshot.agenda())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.presenterEmail()).isEqualTo("Shen.Jie@bast.example.org");
              assertThat(item.id()).isEqualTo(scheduled.after().agenda().getFirst().id().value());
            });
    assertThat(snapshot.reminderMinutesBefore()).containsExactly(1440, 60);
    assertThat(snapshot.quorumRule())
        .isEqualTo(
            new org.convene.events.QuorumRule(
                org.convene.events.QuorumRule.Kind.MAJORITY, null, true));
  }

  @Test
  void everySnapshotCarriesTheMeetingsQuorumRule() {
    Outcome.Changed scheduled = schedule();

    MeetingEvent event =
        ContractMapping.event(
            EVENT,
            1,
            AT,
            scheduled.after(),
            new QuorumRule(QuorumRule.Kind.FIXED, 3, false),
            scheduled.change());

    assertThat(event.meeting().quorumRule())
        .isEqualTo(
            new org.convene.events.QuorumRule(org.convene.events.QuorumRule.Kind.FIXED, 3, false));
  }

  @Test
  void agendaChangesKeepTheContractsNullsForWhatTheirKindDoesNotConcern() {
    Meeting meeting = schedule().after();
    Outcome.Changed added =
        (Outcome.Changed)
            meeting.addAgendaItem(
                new Drafts.AgendaItemDraft(
                    null, "Welcome", Mailbox.of("tian.wen@bast.example.org"), 10, null),
                1,
                LIMITS);

    AgendaChanged event =
        (AgendaChanged)
            ContractMapping.event(EVENT, 2, AT, added.after(), QuorumRule.DEFAULT, added.change());

    assertThat(event.changes())
        .containsExactly(
            new AgendaItemChange(
                AgendaItemChange.Kind.ADDED,
                added.after().agenda().get(0).id().value(),
                "Welcome",
                null,
                null,
                1,
                null,
                start,
                null,
                10,
                null,
                "tian.wen@bast.example.org"),
            new AgendaItemChange(
                AgendaItemChange.Kind.MOVED,
                meeting.agenda().get(0).id().value(),
                "Opening",
                null,
                1,
                2,
                start,
                start.plusMinutes(10),
                null,
                null,
                null,
                null));
  }

  @Test
  void aNewChairIsAnAddedParticipantAndARoleChange() {
    Meeting meeting = schedule().after();
    Outcome.Changed invited =
        (Outcome.Changed)
            meeting.invite(
                Participant.direct(
                    "Zhang Wei",
                    Mailbox.of("zhang.wei@bast.example.org"),
                    ParticipantRole.CHAIR,
                    "en",
                    null),
                LIMITS);

    ParticipantsChanged event =
        (ParticipantsChanged)
            ContractMapping.event(
                EVENT, 2, AT, invited.after(), QuorumRule.DEFAULT, invited.change());

    assertThat(event.added())
        .extracting(p -> p.email())
        .containsExactly("zhang.wei@bast.example.org");
    assertThat(event.removed()).isEmpty();
    assertThat(event.roleChanges())
        .containsExactly(
            new RoleChange(
                "Shen.Jie@bast.example.org",
                "Shen Jie",
                org.convene.events.ParticipantRole.CHAIR,
                org.convene.events.ParticipantRole.VOTING));
  }

  private Outcome.Changed schedule() {
    Drafts.MeetingDraft draft =
        new Drafts.MeetingDraft(
            "Work planning",
            null,
            new Person("BAST General Office", Mailbox.of("office@bast.example.org")),
            new MeetingTime(start, start.plusHours(2), SHANGHAI),
            "Room 1",
            null,
            List.of(new Document("Plan", "https://docs.bast.example.org/plan.pdf")),
            List.of(
                Participant.direct("Shen Jie", CHAIR, ParticipantRole.CHAIR, "zh-CN", null),
                Participant.direct(
                    "Tian Wen",
                    Mailbox.of("tian.wen@bast.example.org"),
                    ParticipantRole.VOTING,
                    null,
                    null)),
            List.of(new Drafts.AgendaItemDraft(null, "Opening", CHAIR, 20, null)),
            List.of(60, 1440),
            OffsetChoice.NONE);
    return (Outcome.Changed)
        Meeting.schedule(org.convene.events.MeetingId.random(), draft, LIMITS, Instant.now());
  }
}
