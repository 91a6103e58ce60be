/**
 * Cross-cutting wiring: how Kafka records become meeting events, where failed records go, and
 * the clock.
 */
package org.convene.notifier.system;
