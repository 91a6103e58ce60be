/**
 * Dead letters: the records a consumer group gave up on, kept once per record with every group that
 * failed on it, and what operators do with them: look, replay once to the original topic, park or
 * discard with a reason.
 */
package org.convene.notifier.deadletter;
