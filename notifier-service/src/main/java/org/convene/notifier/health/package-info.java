/**
 * The ops console's health page and its JSON: the figures that say whether events flow from the
 * scheduler to the inboxes (consumer lag, outbox, owed messages, sends and errors, reminders due,
 * dead letters), each against the threshold above which it needs somebody.
 */
package org.convene.notifier.health;
