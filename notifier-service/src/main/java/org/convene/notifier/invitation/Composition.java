package org.convene.notifier.invitation;

import jakarta.mail.internet.MimeMessage;

/** A notice written as an e-mail, or why it could not be. */
public sealed interface Composition {

  Notice notice();

  /** The message, ready for the transport: headers set, {@code saveChanges()} done. */
  record Composed(Notice notice, MimeMessage message) implements Composition {}

  /** Cannot be written for good: an invalid address, an unknown time zone. */
  record Refused(Notice notice, String reason) implements Composition {}

  /**
   * Writing it failed unexpectedly (a bug, most likely, or a resource missing): not known to be for
   * good, so worth another try later; the failure says what happened.
   */
  record Broken(Notice notice, RuntimeException failure) implements Composition {}
}
