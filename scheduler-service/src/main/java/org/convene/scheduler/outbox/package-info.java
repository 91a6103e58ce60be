/**
 * The transactional outbox: events are written in the same transaction as the change they describe
 * and relayed to Kafka afterwards, so a change is never committed without its event nor published
 * without its change.
 */
package org.convene.scheduler.outbox;
