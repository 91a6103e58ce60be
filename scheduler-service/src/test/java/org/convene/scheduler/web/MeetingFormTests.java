package org.convene.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.convene.scheduler.meeting.ScheduleMeetingRequest;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.junit.jupiter.api.Test;

class MeetingFormTests {

  @Test
  void blankRowsAreDroppedSoThatTheRequestsIndexesAreTheRowsOnThePage() {
    MeetingForm form = MeetingForm.empty("Europe/Berlin");
    form.getParticipants().get(2).setName("Li Na");
    form.getParticipants().get(2).setEmail("li.na@bast.example.org");
    form.getParticipants().get(4).setName("Chair Wang");
    form.getParticipants().get(4).setRole("CHAIR");
    form.getAgenda().get(3).setTitle("Opening");
    form.getAgenda().get(3).setDurationMinutes("15");

    form.compactAndPad();
    ScheduleMeetingRequest request = form.toRequest(new FormErrors());

    assertThat(form.getParticipants()).hasSize(MeetingForm.PARTICIPANT_ROWS);
    assertThat(form.getParticipants().get(1).getName()).isEqualTo("Chair Wang");
    assertThat(request.participants())
        .extracting(ScheduleMeetingRequest.ParticipantRequest::name)
        .containsExactly("Li Na", "Chair Wang");
    assertThat(request.participants().get(1).role()).isEqualTo(ParticipantRole.CHAIR);
    assertThat(request.participants().get(1).email())
        .as("a blank field is left out, as in JSON")
        .isNull();
    assertThat(request.agenda())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.title()).isEqualTo("Opening");
              assertThat(item.durationMinutes()).isEqualTo(15);
            });
  }

  @Test
  void unreadableTimesAndNumbersAreNamedByFieldInTheApisWording() {
    MeetingForm form = MeetingForm.empty("Europe/Berlin");
    form.setStart("tomorrow at nine");
    form.setEnd("2026-12-03T10:00");
    form.getAgenda().get(0).setTitle("Opening");
    form.getAgenda().get(0).setDurationMinutes("a quarter");
    form.compactAndPad();
    FormErrors errors = new FormErrors();

    ScheduleMeetingRequest request = form.toRequest(errors);

    assertThat(request.start()).isNull();
    assertThat(request.end()).isNotNull();
    assertThat(errors.asMap())
        .containsEntry("start", MeetingForm.DATE_TIME_PROBLEM)
        .containsEntry("agenda[0].durationMinutes", MeetingForm.NUMBER_PROBLEM)
        .hasSize(2);
  }

  @Test
  void aStaleFormSaysWhatChangedMeanwhile() {
    var read = Meetings.view(3, "Plenary", 9);
    var current = Meetings.view(5, "Plenary session", 10);
    ChangeForm form = ChangeForm.readFrom(read);

    assertThat(form.differencesTo(current))
        .extracting(ChangeForm.Difference::what)
        .containsExactly("conflict.title", "conflict.time");
    assertThat(form.differencesTo(read))
        .extracting(ChangeForm.Difference::what)
        .containsExactly("conflict.other");
    form.rememberRead(current);
    assertThat(form.ifMatch()).isEqualTo("\"5\"");
  }
}
