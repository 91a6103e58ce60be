package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.convene.events.MeetingScheduled;
import org.convene.events.QuorumRule;
import org.convene.events.SampleEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A quorum rule the figures cannot be worked out from breaks the contract. */
class MeetingEventContractTests {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"MAJORITY, 3", "FRACTION, ", "FRACTION, 0", "FRACTION, 101", "FIXED, ", "FIXED, 0"})
  void aRuleWithoutAValueForItsKindIsRefused(QuorumRule.Kind kind, Integer value) {
    assertThatThrownBy(() -> MeetingEventContract.check(scheduledUnder(kind, value)))
        .isInstanceOf(InvalidMeetingEventException.class)
        .hasMessageContaining("meeting.quorumRule.value");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"MAJORITY, ", "FRACTION, 1", "FRACTION, 100", "FIXED, 1", "FIXED, 500"})
  void aRuleWithAValueForItsKindPasses(QuorumRule.Kind kind, Integer value) {
    assertThatCode(() -> MeetingEventContract.check(scheduledUnder(kind, value)))
        .doesNotThrowAnyException();
  }

  private static MeetingScheduled scheduledUnder(QuorumRule.Kind kind, Integer value) {
    MeetingScheduled sample = SampleEvents.meetingScheduled();
    return new MeetingScheduled(
        sample.eventId(),
        sample.meetingId(),
        sample.revision(),
        sample.occurredAt(),
        sample.meeting().withQuorumRule(new QuorumRule(kind, value, true)));
  }
}
