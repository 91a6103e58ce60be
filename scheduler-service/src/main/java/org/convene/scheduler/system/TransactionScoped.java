package org.convene.scheduler.system;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: made on its first use in it, the same
 * object for every later use in it, and forgotten when it ends, committed or rolled back. For what
 * one transaction may do once however many times it is asked (read and lock a meeting, wake the
 * outbox relay).
 */
public final class TransactionScoped {

  private TransactionScoped() {}

  /**
   * The value this transaction keeps under {@code key}, made by {@code initial} on first use.
   *
   * @throws IllegalStateException outside a transaction
   */
  public static <T> T get(Object key, Supplier<T> initial) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("No transaction to keep " + key + " for");
    }
    @SuppressWarnings("unchecked")
    T value = (T) TransactionSynchronizationManager.getResource(key);
    if (value == null) {
      T made = initial.get();
      TransactionSynchronizationManager.bindResource(key, made);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
          });
      value = made;
    }
    return value;
  }
}
