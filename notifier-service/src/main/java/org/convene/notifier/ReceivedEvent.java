package org.convene.notifier;

import java.util.Objects;
import org.convene.events.MeetingEvent;

/**
 * A meeting event as read from the topic: the contract's record, and its JSON exactly as it was
 * published, which the ledger stores (rather than the record written out again) and the dead-letter
 * topic receives if it cannot be processed.
 */
public record ReceivedEvent(MeetingEvent event, String json) {

  /**
   * The consumer property (a listener's {@code properties}) naming the CloudEvents types, comma
   * separated, whose records the listener leaves unread: it receives {@code null} for them.
   */
  public static final String SKIPPED_TYPES = "convene.notifier.skipped-event-types";

  public ReceivedEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(json, "json");
  }
}
