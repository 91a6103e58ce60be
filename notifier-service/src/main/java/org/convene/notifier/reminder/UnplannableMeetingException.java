package org.convene.notifier.reminder;

/**
 * A meeting event whose reminders cannot be planned, such as for a time zone that does not exist.
 */
class UnplannableMeetingException extends IllegalArgumentException {

  UnplannableMeetingException(String message, Throwable cause) {
    super(message, cause);
  }
}
