/**
 * Reminders, planned and sent as one feature: plans one Quartz trigger per meeting and reminder
 * offset from the meeting events, in a clustered JDBC job store, moving and removing them as
 * meetings change; records each reminder that falls due (or was missed) as owed messages through
 * {@link org.convene.notifier.reminder.ReminderLedger}; and decides, when a dispatcher gets to one,
 * what it becomes ({@link org.convene.notifier.reminder.ReminderNotices}): a reminder of the
 * meeting as it stands, or nothing if the meeting moved, dropped it or started.
 */
package org.convene.notifier.reminder;
