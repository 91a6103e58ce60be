package org.convene.notifier.invitation;

/**
 * The invitation cannot be built or is refused for good, whatever the retries: an invalid address,
 * an unknown time zone, a recipient the mail server rejects permanently.
 */
public class UnsendableInvitationException extends RuntimeException {

  public UnsendableInvitationException(String message) {
    super(message);
  }

  public UnsendableInvitationException(String message, Throwable cause) {
    super(message, cause);
  }
}
