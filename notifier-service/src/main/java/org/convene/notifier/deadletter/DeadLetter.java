package org.convene.notifier.deadletter;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dead letter as operators see it: where the record was read, which consumer groups gave up on it
 * and why, and what has been done with it since.
 */
public record DeadLetter(
    long id,
    String topic,
    int partition,
    long offset,
    @Nullable String key,
    List<String> groups,
    String exception,
    @Nullable String message,
    Instant firstFailedAt,
    Instant lastFailedAt,
    DeadLetterStatus status,
    @Nullable String resolvedBy,
    @Nullable Instant resolvedAt,
    @Nullable String resolutionReason) {

  /** The failure's class name without its package. */
  public String reason() {
    return exception.substring(exception.lastIndexOf('.') + 1);
  }

  /** Where the record was read: {@code topic-partition@offset}. */
  public String source() {
    return topic + "-" + partition + "@" + offset;
  }

  /** A dead letter in full: with its headers and value. */
  public record Full(DeadLetter letter, List<RecordHeader> headers, byte @Nullable [] value) {}
}
