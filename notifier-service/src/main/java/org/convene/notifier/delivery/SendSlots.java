package org.convene.notifier.delivery;

/**
 * The send slots one batch holds, reserved from the relay's allowance a few at a time, each used by
 * one message or given back. At a low rate a reservation is one slot, taken just before its
 * message, so that the dispatcher threads of all instances interleave at the rate. At a high rate a
 * reservation per message made the allowance's one row the bottleneck (a configured 1,000
 * messages/s delivered about 60/s: every message waited for its turn to update that row), so a
 * reservation then covers the slots of a short span ({@link RelayAllowance#reservation}). Not
 * thread-safe: one per batch.
 */
final class SendSlots {

  /** Fresh reservations tried for one message before the batch gives up for now. */
  private static final int RESERVATIONS_PER_MESSAGE = 2;

  private final RelayAllowance allowance;
  private final LedgerArrays statements;
  private RelayAllowance.Grant grant;
  private int next;
  private int used;

  SendSlots(RelayAllowance allowance, LedgerArrays statements) {
    this.allowance = allowance;
    this.statements = statements;
  }

  /**
   * Waits for the next slot, reserving more when the ones held are used up or have passed; {@code
   * false} if there is none now (the horizon or today's count is full, or the instance is
   * stopping).
   *
   * @param wanted the messages the batch still has to send, so that no more are reserved
   */
  boolean take(int wanted) {
    for (int reservations = 0; reservations < RESERVATIONS_PER_MESSAGE; ) {
      if (grant == null || next >= grant.messages()) {
        giveBack();
        grant = allowance.acquire(statements, allowance.reservation(wanted));
        reservations++;
        if (grant.messages() == 0) {
          giveBack();
          return false;
        }
      }
      int index = grant.awaitSlot(next);
      if (index >= 0) {
        next = index + 1;
        return true;
      }
      if (Thread.currentThread().isInterrupted()) {
        giveBack();
        return false;
      }
      // Every slot held has passed (this thread fell behind them): they are not caught up with in a
      // burst; reserve afresh.
      next = grant.messages();
    }
    giveBack();
    return false;
  }

  /** The slot taken last was used by a message that reached the relay. */
  void used() {
    used++;
  }

  /** Gives back the slots held and not used, and their place in today's count. */
  void giveBack() {
    if (grant != null) {
      allowance.release(statements, grant, used);
    }
    grant = null;
    next = 0;
    used = 0;
  }
}
