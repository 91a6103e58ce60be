package org.convene.infra.bench;

/**
 * One request of a load phase.
 *
 * @param intendedNanos when it was due to be sent ({@link System#nanoTime()}); in a closed loop,
 *     when it was sent
 * @param sentNanos when it was handed to the HTTP client
 * @param doneNanos when its response (or failure) was seen
 * @param respondedAtMillis wall-clock time of {@code doneNanos}, to compare with Kafka timestamps
 * @param status HTTP status, or 0 when no response came
 * @param meetingId id of the created meeting (from {@code Location}) when the status is 201
 * @param error what went wrong, or null
 */
record Sample(
    long intendedNanos,
    long sentNanos,
    long doneNanos,
    long respondedAtMillis,
    int status,
    String meetingId,
    String error) {

  /** Whether it left this process (the open loop skips requests once far behind schedule). */
  boolean sent() {
    return !LoadGenerator.NOT_SENT.equals(error);
  }

  boolean created() {
    return status == 201 && meetingId != null;
  }

  /** From the intended send time: what a user arriving on schedule would wait. */
  long latencyNanos() {
    return doneNanos - intendedNanos;
  }

  /** From the actual send: what the server and network took. */
  long serviceNanos() {
    return doneNanos - sentNanos;
  }
}
