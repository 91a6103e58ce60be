/**
 * Convene's notifier: turns meeting events read from Kafka into e-mail with iTIP calendar
 * invitations for every participant, recording each delivery so that nothing is sent twice.
 */
package org.convene.notifier;
