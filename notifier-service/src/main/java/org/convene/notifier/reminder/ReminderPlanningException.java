package org.convene.notifier.reminder;

/**
 * The job store failed while a meeting's reminders were being planned; the event can be tried
 * again.
 */
class ReminderPlanningException extends RuntimeException {

  ReminderPlanningException(String message, Throwable cause) {
    super(message, cause);
  }
}
