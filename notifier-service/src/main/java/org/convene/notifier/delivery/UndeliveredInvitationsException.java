package org.convene.notifier.delivery;

import java.util.List;
import org.convene.events.MeetingId;

/**
 * Some recipients of an event can never be sent their invitation as it stands (the ledger marks
 * them FAILED with the reason); the others were. Retrying does not help, so the record goes to
 * the dead-letter topic at once, where it stays visible and can be replayed once the cause is
 * fixed: a replay sends only what was not sent.
 */
public class UndeliveredInvitationsException extends RuntimeException {

  UndeliveredInvitationsException(MeetingId meetingId, long revision, List<String> failures) {
    super("Invitations to meeting " + meetingId + " revision " + revision + " undeliverable for " + failures.size()
        + " recipient(s): " + String.join("; ", failures));
  }
}
