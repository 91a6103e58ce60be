package org.convene.scheduler.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgendaDiffTests {

  private static final LocalDateTime START = LocalDateTime.of(2030, 3, 4, 9, 0);
  private static final Mailbox SHEN = Mailbox.of("shen.jie@bast.example.org");
  private static final Mailbox TIAN = Mailbox.of("tian.wen@bast.example.org");

  private final AgendaItem opening = item("a", "Opening", SHEN, 20, null);
  private final AgendaItem plans = item("b", "Work plans", TIAN, 90, null);
  private final AgendaItem suggestions = item("c", "Suggestions", null, 40, null);

  @Test
  void sameAgendaHasNoChanges() {
    assertThat(AgendaDiff.between(List.of(opening, plans), List.of(opening, plans), START))
        .isEmpty();
  }

  @Test
  void swappingTwoItemsMovesBothWithTheirPlannedStarts() {
    assertThat(AgendaDiff.between(List.of(opening, plans), List.of(plans, opening), START))
        .containsExactly(
            new AgendaItemChange.Moved(
                plans.id(), "Work plans", 2, 1, START.plusMinutes(20), START),
            new AgendaItemChange.Moved(
                opening.id(), "Opening", 1, 2, START, START.plusMinutes(90)));
  }

  @Test
  void longerItemRetimesItAndMovesTheItemsAfterItOnly() {
    AgendaItem longer = item("a", "Opening", SHEN, 30, null);
    assertThat(
            AgendaDiff.between(
                List.of(opening, plans, suggestions), List.of(longer, plans, suggestions), START))
        .containsExactly(
            new AgendaItemChange.Retimed(opening.id(), "Opening", 20, 30),
            new AgendaItemChange.Moved(
                plans.id(), "Work plans", 2, 2, START.plusMinutes(20), START.plusMinutes(30)),
            new AgendaItemChange.Moved(
                suggestions.id(),
                "Suggestions",
                3,
                3,
                START.plusMinutes(110),
                START.plusMinutes(120)));
  }

  @Test
  void addedAndRemovedItemsCarryTheirPositionStartAndPresenter() {
    AgendaItem welcome = item("d", "Welcome", TIAN, 10, null);
    assertThat(AgendaDiff.between(List.of(opening, suggestions), List.of(opening, welcome), START))
        .containsExactly(
            new AgendaItemChange.Added(welcome.id(), "Welcome", 2, START.plusMinutes(20), 10, TIAN),
            new AgendaItemChange.Removed(
                suggestions.id(), "Suggestions", 2, START.plusMinutes(20), null));
  }

  @Test
  void titlePresenterAndNotesChangesAreReportedEachOnce() {
    AgendaItem edited = item("b", "Department work plans", SHEN, 90, "Ten minutes each");
    assertThat(AgendaDiff.between(List.of(plans), List.of(edited), START))
        .containsExactly(
            new AgendaItemChange.Retitled(plans.id(), "Department work plans", "Work plans"),
            new AgendaItemChange.PresenterChanged(plans.id(), "Department work plans", TIAN, SHEN),
            new AgendaItemChange.NotesChanged(plans.id(), "Department work plans"));
  }

  @Test
  void plannedStartsAddUpTheDurationsBefore() {
    assertThat(AgendaDiff.plannedStarts(List.of(opening, plans, suggestions), START))
        .containsExactly(START, START.plusMinutes(20), START.plusMinutes(110));
  }

  private static AgendaItem item(
      String id, String title, Mailbox presenter, int minutes, String notes) {
    return new AgendaItem(new AgendaItemId(id), title, presenter, minutes, notes);
  }
}
