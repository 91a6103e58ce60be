package org.convene.notifier.delivery;

import org.convene.events.EventId;

/** One ledger row as the dispatcher reads it. */
record LedgerRow(DeliveryKey key, DeliveryStatus status, int attempts, EventId eventId) {

  long revision() {
    return key.revision();
  }

  DeliveryKind kind() {
    return key.kind();
  }
}
