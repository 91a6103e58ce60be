/**
 * Reminders: plans one Quartz trigger per meeting and reminder offset from the meeting events, in a
 * clustered JDBC job store, moving and removing them as meetings change, and hands each reminder
 * that falls due (or was missed) to a {@link org.convene.notifier.reminder.ReminderSink}.
 */
package org.convene.notifier.reminder;
