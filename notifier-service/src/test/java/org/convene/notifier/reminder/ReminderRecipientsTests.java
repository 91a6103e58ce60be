package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;

class ReminderRecipientsTests {

  private final MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();

  @Test
  void thoseWhoDeclinedGetNoReminderWhateverTheCaseOfTheirAddress() {
    String someone = meeting.participants().get(1).email();
    assertThat(ReminderRecipients.of(meeting, true))
        .extracting(Participant::email)
        .contains(someone);

    assertThat(ReminderRecipients.of(meeting, true, Set.of(someone.toLowerCase())))
        .extracting(Participant::email)
        .doesNotContain(someone)
        .hasSize(ReminderRecipients.of(meeting, true).size() - 1);
  }

  @Test
  void declinesOfOtherPeopleChangeNothing() {
    assertThat(ReminderRecipients.of(meeting, false, Set.of("nobody@example.org")))
        .isEqualTo(ReminderRecipients.of(meeting, false));
  }
}
