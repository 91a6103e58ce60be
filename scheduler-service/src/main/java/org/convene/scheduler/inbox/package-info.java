/**
 * The inbox: what other services hand to the scheduler over Kafka (the calendar replies read from
 * the organiser mailbox, the notifier's delivery reports), each message processed once, mapped from
 * the contract at this edge.
 */
package org.convene.scheduler.inbox;
