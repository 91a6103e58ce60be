package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingSnapshot;
import org.convene.events.SampleEvents;
import org.convene.notifier.invitation.ChangeSummary.Added;
import org.convene.notifier.invitation.ChangeSummary.Item;
import org.convene.notifier.invitation.ChangeSummary.Moved;
import org.convene.notifier.invitation.ChangeSummary.PresenterChanged;
import org.convene.notifier.invitation.ChangeSummary.Removed;
import org.convene.notifier.invitation.ChangeSummary.Retimed;
import org.convene.notifier.invitation.ChangeSummary.TimeChange;
import org.junit.jupiter.api.Test;

/** The change summary in no language: what differs between two snapshots of a meeting. */
class ChangeSummaryTests {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final MeetingSnapshot before = SampleEvents.theoryDiscussingMeeting();

  @Test
  void agendaItemsAreFollowedByIdWithTheirPlannedStartsOnTheScheduleAsItWas() {
    AgendaChanged changed = SampleEvents.agendaChanged();
    String suggestions = before.agenda().get(2).id();
    String plans = before.agenda().get(1).id();
    Item moved =
        new Item(
            suggestions,
            2,
            "Suggestions from bureau-level leaders",
            "chen.weicheng@bast.example.org",
            "li.na@bast.example.org");
    Item retimed =
        new Item(
            plans,
            3,
            "Department work plans for 2022",
            "tian.wen@bast.example.org",
            "tian.wen@bast.example.org");

    ChangeSummary summary = ChangeSummary.between(before, changed.meeting());

    assertThat(summary.agenda())
        .containsExactly(
            new Moved(moved, at("2026-12-27T10:50"), at("2026-12-27T09:20"), 3, 2),
            new PresenterChanged(moved),
            new Moved(retimed, at("2026-12-27T09:20"), at("2026-12-27T10:00"), 2, 3),
            new Retimed(retimed, 90, 60));
    assertThat(summary.time()).isNull();
    assertThat(summary.details()).isEmpty();
    assertThat(summary.invited()).isEmpty();
    // What the event says of itself is the same, when the meeting before it is not known.
    assertThat(ChangeSummary.of(changed).agenda()).isEqualTo(summary.agenda());
  }

  @Test
  void aMeetingMovedToAnotherZoneAtTheSameWallClockTimeHasChangedTime() {
    MeetingSnapshot tokyo =
        new MeetingSnapshot(
            before.title(),
            before.description(),
            before.organiser(),
            before.start(),
            before.end(),
            "Asia/Tokyo",
            before.location(),
            before.onlineLink(),
            before.documents(),
            before.participants(),
            before.agenda(),
            before.status());

    assertThat(ChangeSummary.between(before, tokyo).time())
        .isEqualTo(new TimeChange(before.time(), tokyo.time()));
    assertThat(ChangeSummary.between(before, tokyo).agenda()).isEmpty();
  }

  @Test
  void itemsWithoutIdsAreKnownByTheirTitle() {
    MeetingSnapshot old =
        withAgenda(
            List.of(
                new AgendaItem("Opening", null, 20, null),
                new AgendaItem("Plans", null, 30, null)));
    MeetingSnapshot now =
        withAgenda(
            List.of(
                new AgendaItem("Opening", null, 20, null),
                new AgendaItem("Budget", null, 30, null)));

    assertThat(ChangeSummary.between(old, now).agenda())
        .containsExactly(
            new Added(new Item(null, 2, "Budget", null, null), at("2026-12-27T09:20")),
            new Removed(new Item(null, 2, "Plans", null, null)));
  }

  private MeetingSnapshot withAgenda(List<AgendaItem> agenda) {
    return new MeetingSnapshot(
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
        agenda,
        before.status());
  }

  private static ZonedDateTime at(String wallClock) {
    return LocalDateTime.parse(wallClock).atZone(SHANGHAI);
  }
}
