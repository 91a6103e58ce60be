package org.convene.notifier.deadletter;

/** What became of a dead letter. */
public enum DeadLetterStatus {
  /** Awaiting an operator. */
  DEAD,
  /** Sent to its original topic again; never sent twice. */
  REPLAYED,
  /** Kept aside with a reason; may still be replayed or discarded. */
  PARKED,
  /** Dropped for good with a reason. */
  DISCARDED;

  /** Whether it may still be replayed, parked or discarded. */
  public boolean open() {
    return this == DEAD || this == PARKED;
  }
}
