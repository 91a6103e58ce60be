package org.convene.notifier;

/**
 * A meeting event that could be read but breaks the contract, such as a scheduled meeting without
 * participants. Reading it again cannot make it valid: the error handler dead-letters it at once,
 * with this message as the reason.
 */
public class InvalidMeetingEventException extends IllegalArgumentException {

  InvalidMeetingEventException(String message) {
    super(message);
  }
}
