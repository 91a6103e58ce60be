package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeetingFlowsTests {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void aRevisionAfterTheCancellationOfARemovedParticipantIsShownAsRemovedSinceThen() {
    List<MeetingFlow.Message> theirs =
        List.of(message(1, "INVITATION", "SENT", null), message(2, "CANCELLATION", "SENT", null));

    MeetingFlow.Step later = MeetingFlows.step(4, theirs);

    assertThat(later.state()).isEqualTo("REMOVED");
    assertThat(later.since()).isEqualTo(2);
    assertThat(later.answer()).startsWith("No: removed from the meeting at revision 2");
  }

  @Test
  void revisionsBeforeTheFirstMessageAndWithoutOneAreToldApart() {
    List<MeetingFlow.Message> theirs =
        List.of(message(2, "INVITATION", "SENT", null), message(4, "UPDATE", "SUPERSEDED", 5L));

    assertThat(MeetingFlows.step(1, theirs).state()).isEqualTo("NOT_YET");
    assertThat(MeetingFlows.step(3, theirs).state()).isEqualTo("NOTHING");
    assertThat(MeetingFlows.step(4, theirs).answer())
        .isEqualTo("No: update superseded by revision 5, which told them the same and more");
  }

  @Test
  void aFailedOrOwedMessageSaysWhyAndWhen() {
    MeetingFlow.Message failed = message(1, "INVITATION", "FAILED", null);

    assertThat(MeetingFlows.step(1, List.of(failed)).answer())
        .isEqualTo("No: invitation failed after 3 attempt(s): 550 no such mailbox");
    assertThat(MeetingFlows.step(1, List.of(message(1, "INVITATION", "PENDING", null))).answer())
        .isEqualTo(
            "Not yet: invitation owed, next try at "
                + NOW
                + " (3 attempt(s) so far, last: 550 no such mailbox)");
  }

  private static MeetingFlow.Message message(
      long revision, String kind, String status, Long supersededBy) {
    return new MeetingFlow.Message(
        revision,
        kind,
        null,
        status,
        3,
        "550 no such mailbox",
        NOW,
        NOW,
        status.equals("SENT") ? NOW : null,
        supersededBy,
        null,
        null,
        false,
        "00000000-0000-0000-0000-000000000001");
  }
}
