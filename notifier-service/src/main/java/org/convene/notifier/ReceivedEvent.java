package org.convene.notifier;

import java.util.Objects;
import org.convene.events.MeetingEvent;

/**
 * A meeting event as read from the topic: the contract's record, and its JSON exactly as it was
 * published, which the ledger stores (rather than the record written out again) and the dead-letter
 * topic receives if it cannot be processed.
 */
public record ReceivedEvent(MeetingEvent event, String json) {

  public ReceivedEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(json, "json");
  }
}
