package org.convene.notifier.delivery;

/** What a delivered message is; part of the ledger key, so each kind is sent once per revision. */
enum DeliveryKind {
  /** The iTIP REQUEST inviting a participant to a meeting. */
  INVITATION
}
