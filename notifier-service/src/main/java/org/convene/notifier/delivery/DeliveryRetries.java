package org.convene.notifier.delivery;

import org.convene.events.MeetingId;
import org.convene.notifier.invitation.Recipients;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An operator's retry of FAILED messages once their cause is fixed: owed again, due now, with a
 * fresh count of attempts; one that a newer message to the same recipient overtook meanwhile is
 * superseded instead of sent.
 */
@Component
public class DeliveryRetries {

  private final OwedLedger owed;

  DeliveryRetries(OwedLedger owed) {
    this.owed = owed;
  }

  /**
   * @param meetingId only this meeting's, or all if {@code null}
   * @param recipient only this recipient's (their e-mail address, any case), or all if {@code null}
   * @return how many FAILED messages are owed again
   */
  public int retryFailed(@Nullable MeetingId meetingId, @Nullable String recipient) {
    return owed.retryFailed(
        meetingId,
        recipient == null || recipient.isBlank() ? null : Recipients.mailboxKey(recipient));
  }
}
