package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/**
 * How many voting members a meeting needs to be quorate. Only voting members count, and the chair
 * unless the rule leaves the chair out; non-voting, optional and information participants never do.
 *
 * @param value the percentage for {@link Kind#FRACTION} (1 to 100), the number for {@link
 *     Kind#FIXED}; {@code null} for {@link Kind#MAJORITY}
 */
public record QuorumRule(Kind kind, Integer value, boolean chairCounts) {

  /**
   * A majority of the voting members, the chair counting: what a meeting has unless it says
   * otherwise.
   */
  public static final QuorumRule DEFAULT = new QuorumRule(Kind.MAJORITY, null, true);

  public enum Kind {
    /** floor(n / 2) + 1 of the n voting members. */
    MAJORITY,
    /** value percent of the voting members, rounded up. */
    FRACTION,
    /** value voting members, however many are invited. */
    FIXED
  }

  public QuorumRule {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case MAJORITY -> {
        if (value != null) {
          throw new IllegalArgumentException("A majority takes no value");
        }
      }
      case FRACTION -> {
        if (value == null || value < 1 || value > 100) {
          throw new IllegalArgumentException("A fraction is a percentage from 1 to 100");
        }
      }
      case FIXED -> {
        if (value == null || value < 1 || value > 100_000) {
          throw new IllegalArgumentException("A fixed quorum is a number from 1 to 100000");
        }
      }
    }
  }

  /** How many of {@code voters} voting members must attend. */
  public int required(int voters) {
    return switch (kind) {
      case MAJORITY -> voters / 2 + 1;
      // Integer arithmetic: 15 % of 10 is 1.5, rounded up to 2, with no floating-point surprise.
      case FRACTION -> (voters * value + 99) / 100;
      case FIXED -> value;
    };
  }

  /** Whether a participant of this role counts for the quorum. */
  public boolean counts(ParticipantRole role) {
    return role == ParticipantRole.VOTING || (role == ParticipantRole.CHAIR && chairCounts);
  }
}
