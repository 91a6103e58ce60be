/**
 * Delivery: reads meeting events from Kafka and hands every recipient their message once,
 * recording each in the PostgreSQL delivery ledger keyed by meeting, revision, recipient and kind.
 */
package org.convene.notifier.delivery;
