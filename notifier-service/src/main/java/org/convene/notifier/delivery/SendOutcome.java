package org.convene.notifier.delivery;

/** What the mail server made of one message. */
sealed interface SendOutcome {

  /** Accepted: the server took responsibility for the message. */
  record Accepted() implements SendOutcome {}

  /** Refused for good (a 5xx reply, such as 550 for an unknown mailbox): retrying will not help. */
  record Refused(String reply) implements SendOutcome {}

  /** Not accepted for now (unreachable, timed out, a 4xx reply): worth retrying later. */
  record Deferred(String reason) implements SendOutcome {}
}
