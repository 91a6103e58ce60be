package org.convene.notifier.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The health of the flow at one moment, each figure with the threshold it is judged by and whether
 * it is beyond it ({@code high}): what the page highlights, and what a script can alert on.
 *
 * @param problems one sentence per figure beyond its threshold, worst first; empty when all is well
 *     (in the JSON, each as its English sentence)
 */
record FlowHealth(
    Instant at,
    Lag lag,
    Outbox outbox,
    Owed owed,
    Sends sends,
    Reminders reminders,
    DeadLetters deadLetters,
    Mailbox mailbox,
    List<Problem> problems) {

  /**
   * Consumer lag of every group on Convene's topics, from the broker's committed offsets.
   *
   * @param unavailable why the broker could not be asked, or {@code null}
   */
  record Lag(@Nullable String unavailable, List<PartitionLag> partitions, long threshold) {

    public long total() {
      return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    public boolean high() {
      return partitions.stream().anyMatch(PartitionLag::high);
    }
  }

  /** How many records of a partition a group has not committed yet. */
  record PartitionLag(String group, String topic, int partition, long lag, boolean high) {}

  /**
   * The scheduler's transactional outbox, as its actuator reports it.
   *
   * @param state {@code OK}, {@code NOT_CONFIGURED} (no scheduler URL set) or {@code UNREACHABLE}
   * @param detail why it is unreachable
   * @param backlog events committed and not yet acknowledged by the broker
   * @param oldestAgeSeconds how long the oldest of them has waited
   */
  record Outbox(
      String state,
      @Nullable String detail,
      @Nullable Long backlog,
      @Nullable Long oldestAgeSeconds,
      Duration threshold,
      boolean high) {}

  /**
   * Messages owed (PENDING) and the oldest due time among them.
   *
   * @param overdueSeconds how long ago the oldest was due (0 if none is due yet)
   */
  record Owed(
      long count,
      @Nullable Instant oldestDue,
      long overdueSeconds,
      Duration threshold,
      boolean high) {}

  /**
   * Messages attempted within the window: sent, and those whose latest attempt failed.
   *
   * @param perMinute messages sent per minute over the window
   */
  record Sends(
      Duration window, long sent, long failed, double perMinute, long threshold, boolean high) {}

  /** Reminders whose triggers fire within the next hour, and the first of them. */
  record Reminders(long dueNextHour, @Nullable Instant next) {}

  /**
   * The organiser mailbox, where calendar replies arrive, as its reader last saw it.
   *
   * @param state {@code DISABLED} (replies not read), {@code CONNECTING}, {@code READING} or {@code
   *     UNAVAILABLE} (trying again)
   * @param mailbox the user and server read
   * @param since when the reader entered that state
   * @param detail why it is unavailable
   * @param lastLook when the reader last looked into the folder
   * @param high unavailable, or connecting, or not looked into, for longer than the threshold
   */
  record Mailbox(
      String state,
      @Nullable String mailbox,
      @Nullable Instant since,
      @Nullable String detail,
      @Nullable Instant lastLook,
      Duration threshold,
      boolean high) {}

  /** Open dead letters (awaiting an operator, or parked), by reason. */
  record DeadLetters(List<Reason> open) {

    public long total() {
      return open.stream().mapToLong(Reason::count).sum();
    }

    public boolean high() {
      return total() > 0;
    }
  }

  /**
   * @param reason the failure's class name without its package
   * @param exception its full class name
   */
  record Reason(String reason, String exception, long count) {}
}
