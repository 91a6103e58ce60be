package org.convene.notifier.deadletter;

import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to list or act on; every part that is {@code null} or blank matches all.
 *
 * @param status only those in this status
 * @param reason only those whose failure's class name contains this (case-insensitive)
 * @param group only those this consumer group gave up on
 * @param key only those with this record key (a meeting id)
 */
public record DeadLetterFilter(
    @Nullable DeadLetterStatus status,
    @Nullable String reason,
    @Nullable String group,
    @Nullable String key) {

  public DeadLetterFilter {
    reason = blankToNull(reason);
    group = blankToNull(group);
    key = blankToNull(key);
  }

  /** Every dead letter awaiting an operator. */
  public static DeadLetterFilter open() {
    return new DeadLetterFilter(DeadLetterStatus.DEAD, null, null, null);
  }

  /** The filter as the audit trail names it. */
  String describe() {
    return "status="
        + (status == null ? "any" : status)
        + (reason == null ? "" : " reason~" + reason)
        + (group == null ? "" : " group=" + group)
        + (key == null ? "" : " key=" + key);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
