package org.convene.events;

import java.util.Objects;

/**
 * How many voting members a meeting needs.
 *
 * @param kind how the number is worked out
 * @param value the percentage for {@link Kind#FRACTION} (1 to 100), the number for {@link
 *     Kind#FIXED}; {@code null} for {@link Kind#MAJORITY}
 * @param chairCounts whether the chair is counted as a voting member
 */
public record QuorumRule(Kind kind, Integer value, boolean chairCounts) {

  /**
   * A majority of the voting members, the chair counting: what a meeting has unless it says
   * otherwise.
   */
  public static final QuorumRule DEFAULT = new QuorumRule(Kind.MAJORITY, null, true);

  /** How the quorum is worked out from the number of voting members {@code n}. */
  public enum Kind {
    /** {@code floor(n / 2) + 1}. */
    MAJORITY,
    /** {@code ceil(n * value / 100)}. */
    FRACTION,
    /** {@code value}, whatever {@code n} is. */
    FIXED
  }

  public QuorumRule {
    Objects.requireNonNull(kind, "kind");
  }
}
