package org.convene.notifier.delivery;

/**
 * Where a meeting event came from, kept with it in the ledger for ops: its position on the topic
 * and the trace of the request that caused it.
 *
 * @param partition the topic partition it was read from, if known
 * @param offset its offset there, if known
 * @param traceParent the W3C traceparent the scheduler sent with it, if any: the dispatcher
 *     continues that trace when it sends the event's messages
 */
public record EventSource(Integer partition, Long offset, String traceParent) {

  /** An event recorded without a position or trace (tests, replays from other tools). */
  static final EventSource UNKNOWN = new EventSource(null, null, null);
}
