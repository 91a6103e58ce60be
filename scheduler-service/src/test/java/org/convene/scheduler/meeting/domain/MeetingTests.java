package org.convene.scheduler.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.meeting.domain.Meetings.CHAIR;
import static org.convene.scheduler.meeting.domain.Meetings.LI;
import static org.convene.scheduler.meeting.domain.Meetings.LIMITS;
import static org.convene.scheduler.meeting.domain.Meetings.NOW;
import static org.convene.scheduler.meeting.domain.Meetings.SHANGHAI;
import static org.convene.scheduler.meeting.domain.Meetings.TIAN;
import static org.convene.scheduler.meeting.domain.Meetings.after;
import static org.convene.scheduler.meeting.domain.Meetings.brokenFields;
import static org.convene.scheduler.meeting.domain.Meetings.change;
import static org.convene.scheduler.meeting.domain.Meetings.draft;
import static org.convene.scheduler.meeting.domain.Meetings.failure;
import static org.convene.scheduler.meeting.domain.Meetings.nextWeek;
import static org.convene.scheduler.meeting.domain.Meetings.nextWeekFor;
import static org.convene.scheduler.meeting.domain.Meetings.scheduled;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Drafts.AgendaItemDraft;
import org.convene.scheduler.meeting.domain.Drafts.AgendaItemEdit;
import org.convene.scheduler.meeting.domain.Drafts.DetailsDraft;
import org.convene.scheduler.meeting.domain.Drafts.ParticipantEdit;
import org.convene.scheduler.meeting.domain.MeetingChange.FieldChange;
import org.convene.scheduler.meeting.domain.MeetingChange.RoleChange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The meeting's rules, operation by operation, against a clock fixed at today. */
class MeetingTests {

  @Nested
  class Scheduling {

    @Test
    void aMeetingThatKeepsTheRulesIsScheduledWithItsFieldsTidied() {
      Outcome outcome = Meeting.schedule(MeetingId.random(), draft(), LIMITS, NOW);

      assertThat(change(outcome)).isEqualTo(new MeetingChange.Scheduled());
      Meeting meeting = after(outcome);
      assertThat(meeting.status()).isEqualTo(MeetingStatus.SCHEDULED);
      assertThat(meeting.title()).isEqualTo("Work planning");
      assertThat(meeting.description()).isEmpty();
      assertThat(meeting.onlineLink()).isNull();
      assertThat(meeting.documents())
          .containsExactly(new Document("Plan", "https://docs.bast.example.org/plan.pdf"));
      assertThat(meeting.reminderMinutesBefore()).containsExactly(1440, 60);
      assertThat(meeting.agenda())
          .extracting(AgendaItem::id)
          .doesNotContainNull()
          .doesNotHaveDuplicates();
    }

    @Test
    void endNotAfterStartIsRefusedOnEnd() {
      MeetingTime backwards = new MeetingTime(nextWeek(), nextWeek().minusHours(1), SHANGHAI);
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      draft(backwards, Meetings.participants(), Meetings.agenda()),
                      LIMITS,
                      NOW)))
          .containsExactly("end");
    }

    @Test
    void startBeforeTheClocksNowIsRefusedOnStart() {
      LocalDateTime yesterday = LocalDateTime.ofInstant(NOW, SHANGHAI).minusDays(1);
      MeetingTime past = new MeetingTime(yesterday, yesterday.plusHours(1), SHANGHAI);
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      draft(past, Meetings.participants(), Meetings.agenda()),
                      LIMITS,
                      NOW)))
          .containsExactly("start");
    }

    @Test
    void meetingLongerThanTheLimitIsRefusedOnEnd() {
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      draft(
                          nextWeekFor(Duration.ofHours(25)),
                          Meetings.participants(),
                          Meetings.agenda()),
                      LIMITS,
                      NOW)))
          .containsExactly("end");
    }

    @Test
    void startInTheNextSpringForwardGapIsRefusedOnStart() {
      ZoneId berlin = ZoneId.of("Europe/Berlin");
      ZoneOffsetTransition gap = nextTransition(berlin, true);
      // The wall-clock time half an hour after the transition began does not exist that night.
      LocalDateTime missing = gap.getDateTimeBefore().plusMinutes(30);
      MeetingTime time = new MeetingTime(missing, missing.plusHours(2), berlin);

      Outcome outcome =
          Meeting.schedule(
              MeetingId.random(),
              draft(time, Meetings.participants(), Meetings.agenda()),
              LIMITS,
              NOW);

      assertThat(brokenFields(outcome)).containsExactly("start");
      assertThat(((Failure.BrokenRules) failure(outcome)).problems().getFirst().message())
          .contains("daylight saving time gap");
    }

    @Test
    void aStartInTheRepeatedHourOfTheNextFallBackNeedsTheOffsetOfItsFirstOccurrence() {
      ZoneId berlin = ZoneId.of("Europe/Berlin");
      ZoneOffsetTransition overlap = nextTransition(berlin, false);
      // Half an hour into the hour that the clocks repeat: it happens once at each offset.
      LocalDateTime twice = overlap.getDateTimeAfter().plusMinutes(30);
      MeetingTime time = new MeetingTime(twice, twice.plusHours(2), berlin);
      ZoneOffset first = overlap.getOffsetBefore();
      ZoneOffset second = overlap.getOffsetAfter();

      Outcome withoutOffset =
          Meeting.schedule(MeetingId.random(), withOffsets(time, OffsetChoice.NONE), LIMITS, NOW);
      assertThat(brokenFields(withoutOffset)).containsExactly("start");
      assertThat(((Failure.BrokenRules) failure(withoutOffset)).problems().getFirst().message())
          .contains("occurs twice")
          .contains(twice.toString() + first);

      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      withOffsets(time, new OffsetChoice(second, null)),
                      LIMITS,
                      NOW)))
          .containsExactly("start");
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      withOffsets(time, new OffsetChoice(ZoneOffset.ofHours(5), null)),
                      LIMITS,
                      NOW)))
          .containsExactly("start");

      Meeting scheduled =
          after(
              Meeting.schedule(
                  MeetingId.random(),
                  withOffsets(time, new OffsetChoice(first, null)),
                  LIMITS,
                  NOW));
      assertThat(scheduled.time().startInstant()).isEqualTo(twice.toInstant(first));
    }

    @Test
    void anOffsetIsNotNeededOutsideTheRepeatedHourButMustBeRight() {
      MeetingTime time = nextWeekFor(Duration.ofHours(1));
      ZoneOffset shanghai = ZoneOffset.ofHours(8);
      assertThat(
              Meeting.schedule(
                  MeetingId.random(),
                  withOffsets(time, new OffsetChoice(shanghai, shanghai)),
                  LIMITS,
                  NOW))
          .isInstanceOf(Outcome.Changed.class);
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      withOffsets(time, new OffsetChoice(ZoneOffset.UTC, null)),
                      LIMITS,
                      NOW)))
          .containsExactly("start");
    }

    @Test
    void aMeetingWithoutPlaceOrLinkIsRefusedOnLocation() {
      Drafts.MeetingDraft draft = draft();
      Drafts.MeetingDraft nowhere =
          new Drafts.MeetingDraft(
              draft.title(),
              draft.description(),
              draft.organiser(),
              draft.time(),
              " ",
              null,
              draft.documents(),
              draft.participants(),
              draft.agenda(),
              draft.reminderMinutesBefore(),
              OffsetChoice.NONE);
      assertThat(brokenFields(Meeting.schedule(MeetingId.random(), nowhere, LIMITS, NOW)))
          .containsExactly("location");
    }

    @Test
    void participantsNeedExactlyOneChairAndEachMailboxOnce() {
      List<Participant> participants = Meetings.participants();
      participants.add(
          Participant.direct(
              "Tian Wen again",
              Mailbox.of(" TIAN.WEN@bast.example.org"),
              ParticipantRole.VOTING,
              null,
              null));
      participants.add(
          Participant.direct(
              "Second chair",
              Mailbox.of("second@bast.example.org"),
              ParticipantRole.CHAIR,
              null,
              null));

      Outcome outcome =
          Meeting.schedule(
              MeetingId.random(),
              draft(nextWeekFor(Duration.ofHours(1)), participants, Meetings.agenda()),
              LIMITS,
              NOW);

      assertThat(brokenFields(outcome))
          .containsExactlyInAnyOrder("participants", "participants[3].email");
    }

    @Test
    void presenterWhoIsNotInvitedIsRefusedOnTheItem() {
      List<AgendaItemDraft> agenda = Meetings.agenda();
      agenda.set(
          1, new AgendaItemDraft(null, "Work plans", Mailbox.of("stranger@example.org"), 90, null));
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      draft(nextWeekFor(Duration.ofHours(3)), Meetings.participants(), agenda),
                      LIMITS,
                      NOW)))
          .containsExactly("agenda[1].presenterEmail");
    }

    @Test
    void moreAgendaItemsThanTheLimitAreRefused() {
      List<AgendaItemDraft> agenda =
          java.util.Collections.nCopies(
              LIMITS.maxAgendaItems() + 1, new AgendaItemDraft(null, "Item", null, 5, null));
      assertThat(
              brokenFields(
                  Meeting.schedule(
                      MeetingId.random(),
                      draft(nextWeekFor(Duration.ofHours(3)), Meetings.participants(), agenda),
                      LIMITS,
                      NOW)))
          .containsExactly("agenda");
    }
  }

  @Nested
  class Changing {

    @Test
    void reschedulingToTheSameTimeChangesNothing() {
      Meeting meeting = scheduled();
      assertThat(meeting.reschedule(meeting.time(), LIMITS, NOW))
          .isEqualTo(new Outcome.Unchanged(meeting));
    }

    @Test
    void reschedulingReportsThePreviousTime() {
      Meeting meeting = scheduled();
      MeetingTime later =
          new MeetingTime(nextWeek().plusDays(1), nextWeek().plusDays(1).plusHours(1), SHANGHAI);

      Outcome outcome = meeting.reschedule(later, LIMITS, NOW);

      assertThat(change(outcome)).isEqualTo(new MeetingChange.Rescheduled(meeting.time()));
      assertThat(after(outcome).time()).isEqualTo(later);
    }

    @Test
    void detailsChangeListsEachChangedFieldOnly() {
      Meeting meeting = scheduled();
      DetailsDraft details =
          new DetailsDraft(
              "Work planning",
              "Agreed at the last meeting",
              " ",
              "https://meet.example.org/1",
              meeting.documents());

      MeetingChange change = change(meeting.changeDetails(details));

      assertThat(change)
          .isEqualTo(
              new MeetingChange.DetailsChanged(
                  List.of(
                      new FieldChange("description", "", "Agreed at the last meeting"),
                      new FieldChange("location", "Room 1", null),
                      new FieldChange("onlineLink", null, "https://meet.example.org/1"))));
      assertThat(
              meeting.changeDetails(
                  new DetailsDraft(
                      meeting.title(), null, meeting.location(), null, meeting.documents())))
          .isInstanceOf(Outcome.Unchanged.class);
      assertThat(
              brokenFields(
                  meeting.changeDetails(new DetailsDraft("Title", null, null, null, List.of()))))
          .containsExactly("location");
    }

    @Test
    void aCancelledMeetingRefusesEveryFurtherChange() {
      Outcome cancelled = scheduled().cancel("  The venue is closed ");
      assertThat(change(cancelled)).isEqualTo(new MeetingChange.Cancelled("The venue is closed"));
      Meeting meeting = after(cancelled);

      assertThat(failure(meeting.cancel(null))).isInstanceOf(Failure.Conflict.class);
      assertThat(failure(meeting.reschedule(nextWeekFor(Duration.ofHours(1)), LIMITS, NOW)))
          .isInstanceOf(Failure.Conflict.class);
      assertThat(failure(meeting.removeParticipant(LI, LIMITS)))
          .isInstanceOf(Failure.Conflict.class);
    }
  }

  @Nested
  class Participants {

    @Test
    void invitingSomebodyInvitedAlreadyIsAConflictWhateverTheCase() {
      Failure failure =
          failure(
              scheduled()
                  .invite(
                      Participant.direct(
                          "Li Na",
                          Mailbox.of("LI.NA@bast.example.org"),
                          ParticipantRole.VOTING,
                          null,
                          null),
                      LIMITS));
      assertThat(failure)
          .isEqualTo(
              new Failure.Conflict("LI.NA@bast.example.org is already invited to this meeting."));
    }

    @Test
    void invitingANewChairMakesTheOldOneAVotingMember() {
      Participant newChair =
          Participant.direct(
              "Zhang Wei",
              Mailbox.of("zhang.wei@bast.example.org"),
              ParticipantRole.CHAIR,
              null,
              null);

      Outcome outcome = scheduled().invite(newChair, LIMITS);

      assertThat(change(outcome))
          .isEqualTo(
              new MeetingChange.ParticipantsChanged(
                  List.of(newChair),
                  List.of(),
                  List.of(
                      new RoleChange(
                          CHAIR, "Shen Jie", ParticipantRole.CHAIR, ParticipantRole.VOTING))));
      assertThat(after(outcome).participants())
          .filteredOn(p -> p.role() == ParticipantRole.CHAIR)
          .containsExactly(newChair);
    }

    @Test
    void theChairAndPresentersCannotBeRemoved() {
      Meeting meeting = scheduled();
      assertThat(failure(meeting.removeParticipant(CHAIR, LIMITS)))
          .isInstanceOf(Failure.Conflict.class);
      assertThat(
              failure(meeting.removeParticipant(Mailbox.of("Tian.Wen@bast.example.org"), LIMITS)))
          .isEqualTo(
              new Failure.Conflict(
                  "tian.wen@bast.example.org presents [Work plans]: change the presenter first."));
      assertThat(failure(meeting.removeParticipant(Mailbox.of("nobody@bast.example.org"), LIMITS)))
          .isInstanceOf(Failure.NotFound.class);
    }

    @Test
    void removingAnAttendeeReportsThemRemoved() {
      Meeting meeting = scheduled();
      Participant li = meeting.participants().get(2);
      assertThat(change(meeting.removeParticipant(LI, LIMITS)))
          .isEqualTo(new MeetingChange.ParticipantsChanged(List.of(), List.of(li), List.of()));
    }

    @Test
    void theChairStepsDownOnlyByAnotherBecomingChair() {
      Meeting meeting = scheduled();
      assertThat(
              failure(
                  meeting.changeParticipant(
                      CHAIR,
                      new ParticipantEdit(null, ParticipantRole.VOTING, null, null),
                      LIMITS)))
          .isInstanceOf(Failure.Conflict.class);
      assertThat(
              meeting.changeParticipant(
                  TIAN, new ParticipantEdit("Tian Wen", null, null, null), LIMITS))
          .isInstanceOf(Outcome.Unchanged.class);
      assertThat(
              change(
                  meeting.changeParticipant(
                      TIAN, new ParticipantEdit(null, ParticipantRole.CHAIR, null, null), LIMITS)))
          .isEqualTo(
              new MeetingChange.ParticipantsChanged(
                  List.of(),
                  List.of(),
                  List.of(
                      new RoleChange(
                          CHAIR, "Shen Jie", ParticipantRole.CHAIR, ParticipantRole.VOTING),
                      new RoleChange(
                          TIAN, "Tian Wen", ParticipantRole.VOTING, ParticipantRole.CHAIR))));
    }

    @Test
    void moreParticipantsThanTheLimitAreRefused() {
      Meeting meeting = scheduled();
      Outcome outcome = new Outcome.Unchanged(meeting);
      for (int i = 0; i < LIMITS.maxParticipants(); i++) {
        outcome =
            meeting.invite(
                Participant.direct(
                    "M" + i,
                    Mailbox.of("m" + i + "@bast.example.org"),
                    ParticipantRole.VOTING,
                    null,
                    null),
                LIMITS);
        if (outcome instanceof Outcome.Refused) {
          break;
        }
        meeting = after(outcome);
      }
      assertThat(brokenFields(outcome)).containsExactly("participants");
      assertThat(meeting.participants()).hasSize(LIMITS.maxParticipants());
    }
  }

  @Nested
  class Agenda {

    @Test
    void replacingWithAnUnknownOrRepeatedIdIsRefusedOnTheItem() {
      Meeting meeting = scheduled();
      AgendaItemId first = meeting.agenda().getFirst().id();
      Outcome outcome =
          meeting.replaceAgenda(
              List.of(
                  new AgendaItemDraft(new AgendaItemId("no-such-item"), "X", null, 5, null),
                  new AgendaItemDraft(first, "Opening", CHAIR, 20, null),
                  new AgendaItemDraft(first, "Opening again", CHAIR, 20, null)),
              LIMITS);
      assertThat(brokenFields(outcome)).containsExactly("items[0].id", "items[2].id");
    }

    @Test
    void replacingWithTheSameItemsChangesNothing() {
      Meeting meeting = scheduled();
      List<AgendaItemDraft> same =
          meeting.agenda().stream()
              .map(
                  a ->
                      new AgendaItemDraft(
                          a.id(), a.title(), a.presenter(), a.durationMinutes(), a.notes()))
              .toList();
      assertThat(meeting.replaceAgenda(same, LIMITS)).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void editingThePresenterToAStrangerIsRefusedOnTheItem() {
      Meeting meeting = scheduled();
      AgendaItemEdit edit =
          new AgendaItemEdit(null, true, Mailbox.of("stranger@example.org"), null, null, null);
      assertThat(
              brokenFields(meeting.editAgendaItem(meeting.agenda().getFirst().id(), edit, LIMITS)))
          .containsExactly("agenda[0].presenterEmail");
    }

    @Test
    void anEmptyPresenterRemovesThePresenterAndLeftOutFieldsStay() {
      Meeting meeting = scheduled();
      AgendaItem first = meeting.agenda().getFirst();
      Meeting edited =
          after(
              meeting.editAgendaItem(
                  first.id(), new AgendaItemEdit(null, true, null, null, null, null), LIMITS));
      assertThat(edited.agenda().getFirst())
          .isEqualTo(
              new AgendaItem(first.id(), first.title(), null, first.durationMinutes(), null));
    }

    @Test
    void addingAtAPositionMovesTheItemsAfterIt() {
      Meeting meeting = scheduled();
      MeetingChange change =
          change(
              meeting.addAgendaItem(
                  new AgendaItemDraft(null, "Welcome", null, 10, null), 1, LIMITS));
      assertThat(change)
          .isInstanceOfSatisfying(
              MeetingChange.AgendaChanged.class,
              agenda ->
                  assertThat(agenda.changes())
                      .extracting(c -> c.getClass().getSimpleName())
                      .containsExactly("Added", "Moved", "Moved", "Moved"));
    }

    @Test
    void removingAnItemThatIsNotThereIsNotFound() {
      assertThat(failure(scheduled().removeAgendaItem(new AgendaItemId("no-such-item"), LIMITS)))
          .isEqualTo(
              new Failure.NotFound("The meeting has no agenda item with the id no-such-item."));
    }
  }

  private static Drafts.MeetingDraft withOffsets(MeetingTime time, OffsetChoice offsets) {
    Drafts.MeetingDraft draft = draft(time, Meetings.participants(), Meetings.agenda());
    return new Drafts.MeetingDraft(
        draft.title(),
        draft.description(),
        draft.organiser(),
        time,
        draft.location(),
        draft.onlineLink(),
        draft.documents(),
        draft.participants(),
        draft.agenda(),
        draft.reminderMinutesBefore(),
        offsets);
  }

  /**
   * The zone's next transition after the clock's now that is a gap (spring forward) or an overlap.
   */
  static ZoneOffsetTransition nextTransition(ZoneId zone, boolean gap) {
    ZoneOffsetTransition transition = zone.getRules().nextTransition(NOW);
    while (transition.isGap() != gap) {
      transition = zone.getRules().nextTransition(transition.getInstant());
    }
    return transition;
  }
}
