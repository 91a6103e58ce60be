package org.convene.notifier.delivery;

/** What the mail server made of one message. */
sealed interface SendOutcome {

  /**
   * Accepted: the server took responsibility for the message.
   *
   * @param reply the server's reply to the end of the message, if it gave one
   * @param messageId the Message-ID the message was sent with
   */
  record Accepted(String reply, String messageId) implements SendOutcome {}

  /** Refused for good (a 5xx reply, such as 550 for an unknown mailbox): retrying will not help. */
  record Refused(String reply) implements SendOutcome {}

  /**
   * Not accepted for now for this recipient (a 4xx reply to it, a time-out): worth retrying later.
   */
  record Deferred(String reason) implements SendOutcome {}

  /**
   * Not tried, or not accepted, because the mail server itself is unavailable (the connection
   * refused or lost, a 421 reply): no message can go until it is back, whoever it is for.
   *
   * @param mayHaveArrived the session was lost after the end of the message was sent and before the
   *     server replied to it: the server may have taken it, so sending it again may duplicate it
   */
  record RelayDown(String reason, boolean mayHaveArrived) implements SendOutcome {

    RelayDown(String reason) {
      this(reason, false);
    }
  }

  /**
   * Not tried, or not accepted, because the mail server is sent too much (a 421 or 451 reply asking
   * to slow down: too many messages, a rate limit): the sender slows down, and the message is tried
   * again shortly, whoever it is for.
   */
  record Throttled(String reply) implements SendOutcome {}
}
