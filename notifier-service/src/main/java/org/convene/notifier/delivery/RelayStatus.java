package org.convene.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the mail server itself is available, shared by the dispatcher threads. While it is not,
 * one batch at a time probes it, every {@code relay-probe-interval}, and the other threads wait:
 * the owed messages are neither tried over and over nor backed off further, so that sending resumes
 * within one interval of the server's return and a backlog drains at full speed.
 */
@Component
class RelayStatus {

  private static final Logger log = LoggerFactory.getLogger(RelayStatus.class);

  private final long probeIntervalNanos;
  private final LongSupplier nanoTime;

  /** When the next probe may start (on {@link #nanoTime}); meaningful while down. */
  private final AtomicLong nextProbe = new AtomicLong();

  private volatile boolean down;
  private volatile long downSince;

  @Autowired
  RelayStatus(DeliveryProperties properties) {
    this(properties, System::nanoTime);
  }

  /** With its own time source ({@link System#nanoTime()} semantics), for tests. */
  RelayStatus(DeliveryProperties properties, LongSupplier nanoTime) {
    this.probeIntervalNanos = properties.relayProbeInterval().toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether a thread may dispatch a batch now: always while the server is up; while it is down, one
   * thread per interval.
   */
  boolean mayDispatch() {
    if (!down) {
      return true;
    }
    long due = nextProbe.get();
    long now = nanoTime.getAsLong();
    return now - due >= 0 && nextProbe.compareAndSet(due, now + probeIntervalNanos);
  }

  /** A batch found the server unavailable: the next probe waits one interval. */
  void unavailable(String reason) {
    nextProbe.set(nanoTime.getAsLong() + probeIntervalNanos);
    if (!down) {
      downSince = nanoTime.getAsLong();
      down = true;
      log.warn(
          "The mail server is unavailable, messages wait for it; trying again every {} ms: {}",
          Duration.ofNanos(probeIntervalNanos).toMillis(),
          reason);
    }
  }

  /** A batch went through without finding the server unavailable. */
  void available() {
    if (down) {
      down = false;
      log.info(
          "The mail server is available again after {} ms",
          Duration.ofNanos(nanoTime.getAsLong() - downSince).toMillis());
    }
  }

  boolean isDown() {
    return down;
  }
}
