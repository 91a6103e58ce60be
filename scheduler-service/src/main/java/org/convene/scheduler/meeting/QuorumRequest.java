package org.convene.scheduler.meeting;

import jakarta.validation.constraints.NotNull;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.system.InvalidRequestException;

/**
 * A meeting's quorum rule as the API takes it: {@code {"kind": "MAJORITY"}}, {@code {"kind":
 * "FRACTION", "value": 15}} (percent), {@code {"kind": "FIXED", "value": 12}}; {@code chairCounts}
 * defaults to true.
 */
record QuorumRequest(@NotNull QuorumRule.Kind kind, Integer value, Boolean chairCounts) {

  QuorumRule toRule(String field) {
    try {
      return new QuorumRule(kind, value, chairCounts == null || chairCounts);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field + ".value", e.getMessage());
    }
  }
}
