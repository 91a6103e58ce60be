package org.convene.notifier.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record a consumer group gave up on, as it was read.
 *
 * @param key the record's key (the meeting id, as the scheduler publishes)
 * @param value the record's value as read: the original bytes
 * @param headers the record's headers, minus those the consumer added about the failure
 * @param group the consumer group that gave up on it
 * @param exception the failure's class name, not the listener's wrapper around it
 * @param message the failure's message
 */
public record FailedRecord(
    String topic,
    int partition,
    long offset,
    @Nullable String key,
    byte @Nullable [] value,
    List<RecordHeader> headers,
    @Nullable Instant timestamp,
    String group,
    String exception,
    @Nullable String message) {

  public FailedRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(exception, "exception");
    headers = List.copyOf(headers);
  }

  /** Where the record was read: {@code topic-partition@offset}, as operators name it. */
  public String source() {
    return topic + "-" + partition + "@" + offset;
  }

  /** The failure's class name without its package. */
  public String reason() {
    return exception.substring(exception.lastIndexOf('.') + 1);
  }
}
