package org.convene.notifier.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** When a failed message is tried again: exponential back-off with jitter, and when to give up. */
final class RetryBackOff {

  private final DeliveryProperties.Retry settings;
  private final RandomGenerator random;

  RetryBackOff(DeliveryProperties.Retry settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  /** Whether a message that has now failed {@code attempts} times is given up (marked FAILED). */
  boolean givesUpAfter(int attempts) {
    return attempts >= settings.maxAttempts();
  }

  /** The share of the time left before the meeting's start that a retry may wait at most. */
  static final int SHARE_OF_TIME_LEFT = 4;

  /**
   * How long to wait after the {@code attempts}-th failed attempt, for a meeting that starts in
   * {@code timeLeft}: at most a quarter of it, at least the initial interval.
   */
  Duration delayAfter(int attempts, Duration timeLeft) {
    Duration delay = delayAfter(attempts);
    Duration cap = timeLeft.dividedBy(SHARE_OF_TIME_LEFT);
    if (cap.compareTo(settings.initialInterval()) < 0) {
      cap = settings.initialInterval();
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** How long to wait after the {@code attempts}-th failed attempt (1 for the first). */
  Duration delayAfter(int attempts) {
    double base =
        settings.initialInterval().toMillis()
            * Math.pow(settings.multiplier(), Math.max(0, attempts - 1));
    double capped = Math.min(base, settings.maxInterval().toMillis());
    double jittered = capped * (1 + settings.jitter() * (2 * random.nextDouble() - 1));
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }
}
