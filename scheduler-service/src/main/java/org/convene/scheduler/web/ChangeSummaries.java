package org.convene.scheduler.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.domain.AgendaItemChange;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.MeetingChange;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.Outcome;
import org.convene.scheduler.meeting.domain.Participant;

/**
 * What a previewed change would send, in the lines a page shows: "12 people will get an update:
 * time 09:00 → 10:00; item “Budget” moved 3 → 2". Made from the change the meeting's own rules
 * report, so the preview cannot say something the update will not.
 */
final class ChangeSummaries {

  private ChangeSummaries() {}

  /** What a change would send: to how many people, and what each of them is told changed. */
  record Summary(int recipients, List<Line> lines) {}

  /**
   * One changed thing: a message key, the thing's own name as its argument ({@code null} if the key
   * takes none), and its value before and after ({@code null} where there is none to show).
   */
  record Line(String what, String subject, String before, String after) {

    static Line field(String what, String before, String after) {
      return new Line(what, null, before == null ? "—" : before, after == null ? "—" : after);
    }
  }

  static Summary describe(MeetingChanges.Preview preview, Locale locale) {
    if (!(preview.outcome() instanceof Outcome.Changed changed)) {
      return new Summary(0, List.of());
    }
    int recipients = changed.after().participants().size();
    List<Line> lines =
        switch (changed.change()) {
          case MeetingChange.Rescheduled moved ->
              List.of(
                  Line.field(
                      "conflict.time",
                      span(moved.previous(), locale),
                      span(changed.after().time(), locale)));
          case MeetingChange.DetailsChanged details ->
              details.changes().stream()
                  .map(c -> Line.field("field." + c.field(), c.before(), c.after()))
                  .toList();
          case MeetingChange.AgendaChanged agenda ->
              agenda.changes().stream().map(ChangeSummaries::agendaLine).toList();
          case MeetingChange.ParticipantsChanged people -> {
            recipients += people.removed().size();
            yield participantLines(people);
          }
          default -> List.of();
        };
    return new Summary(recipients, lines);
  }

  private static Line agendaLine(AgendaItemChange change) {
    return switch (change) {
      case AgendaItemChange.Added added ->
          new Line("preview.agenda.added", added.title(), null, Integer.toString(added.position()));
      case AgendaItemChange.Removed removed ->
          new Line(
              "preview.agenda.removed",
              removed.title(),
              Integer.toString(removed.position()),
              null);
      case AgendaItemChange.Moved moved ->
          new Line(
              "preview.agenda.moved",
              moved.title(),
              Integer.toString(moved.positionBefore()),
              Integer.toString(moved.positionAfter()));
      case AgendaItemChange.Retitled retitled ->
          new Line(
              "preview.agenda.retitled",
              retitled.title(),
              retitled.titleBefore(),
              retitled.title());
      case AgendaItemChange.Retimed retimed ->
          new Line(
              "preview.agenda.retimed",
              retimed.title(),
              Integer.toString(retimed.durationBefore()),
              Integer.toString(retimed.durationAfter()));
      case AgendaItemChange.PresenterChanged presenter ->
          new Line(
              "preview.agenda.presenter",
              presenter.title(),
              address(presenter.presenterBefore()),
              address(presenter.presenterAfter()));
      case AgendaItemChange.NotesChanged notes ->
          new Line("preview.agenda.notes", notes.title(), null, null);
    };
  }

  private static List<Line> participantLines(MeetingChange.ParticipantsChanged people) {
    List<Line> lines = new ArrayList<>();
    for (Participant added : people.added()) {
      lines.add(new Line("preview.participant.added", person(added), null, null));
    }
    for (Participant removed : people.removed()) {
      lines.add(new Line("preview.participant.removed", person(removed), null, null));
    }
    for (MeetingChange.RoleChange role : people.roleChanges()) {
      lines.add(
          new Line(
              "preview.participant.role",
              role.name() + " <" + role.mailbox().address() + ">",
              role.before().name(),
              role.after().name()));
    }
    return lines;
  }

  private static String person(Participant participant) {
    return participant.name() + " <" + participant.mailbox().address() + ">";
  }

  private static String address(Mailbox mailbox) {
    return mailbox == null ? "—" : mailbox.address();
  }

  private static String span(MeetingTime time, Locale locale) {
    return TimeText.span(time.start().atZone(time.zone()), time.end().atZone(time.zone()), locale);
  }
}
