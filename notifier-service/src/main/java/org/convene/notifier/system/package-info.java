/**
 * Cross-cutting wiring: how Kafka records become meeting events, where failed records go, the mail
 * session and its sockets, and the clock.
 */
package org.convene.notifier.system;
