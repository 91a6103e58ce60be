package org.convene.scheduler.answer.domain;

import java.util.Locale;
import java.util.Optional;

/** What a person answered; the iCalendar PARTSTAT values a reply may carry. */
public enum AnswerStatus {
  ACCEPTED,
  TENTATIVE,
  DECLINED,
  DELEGATED;

  /**
   * The status a {@code PARTSTAT} value names; empty for NEEDS-ACTION, COUNTER-like or unknown
   * values.
   */
  public static Optional<AnswerStatus> ofPartStat(String partStat) {
    if (partStat == null) {
      return Optional.empty();
    }
    return switch (partStat.strip().toUpperCase(Locale.ROOT)) {
      case "ACCEPTED" -> Optional.of(ACCEPTED);
      case "TENTATIVE" -> Optional.of(TENTATIVE);
      case "DECLINED" -> Optional.of(DECLINED);
      case "DELEGATED" -> Optional.of(DELEGATED);
      default -> Optional.empty();
    };
  }
}
