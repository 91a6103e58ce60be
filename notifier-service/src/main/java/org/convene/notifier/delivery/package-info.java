/**
 * Delivery: records what each meeting event owes every recipient in the PostgreSQL delivery ledger
 * (one row per meeting, revision, recipient and kind), and sends it: the newest message owed to each
 * recipient, once, over reused SMTP connections, retrying what fails for now and showing operators
 * what failed for good.
 */
package org.convene.notifier.delivery;
