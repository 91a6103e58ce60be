package org.convene.notifier.flow;

import org.convene.events.MeetingId;
import org.convene.notifier.audit.OpsAudit;
import org.convene.notifier.delivery.DeliveryRetries;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** An operator's retry of failed deliveries, audited. */
@Component
class FailedRetries {

  static final String ACTION = "deliveries.retry";

  private final DeliveryRetries retries;
  private final OpsAudit audit;

  FailedRetries(DeliveryRetries retries, OpsAudit audit) {
    this.retries = retries;
    this.audit = audit;
  }

  /**
   * @throws IllegalArgumentException if the meeting id is not a UUID
   */
  int retry(@Nullable String meetingId, @Nullable String recipient, String actor) {
    MeetingId meeting =
        meetingId == null || meetingId.isBlank() ? null : MeetingId.parse(meetingId.strip());
    String who = recipient == null || recipient.isBlank() ? null : recipient.strip();
    int retried = retries.retryFailed(meeting, who);
    audit.record(actor, ACTION, describe(meeting, who), retried, null);
    return retried;
  }

  static String describe(@Nullable MeetingId meeting, @Nullable String recipient) {
    if (meeting == null && recipient == null) {
      return "all failed deliveries";
    }
    return (meeting == null ? "" : "meeting " + meeting)
        + (meeting != null && recipient != null ? ", " : "")
        + (recipient == null ? "" : "recipient " + recipient);
  }
}
