package org.convene.notifier.flow;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.notifier.delivery.MeetingFlow;
import org.convene.notifier.delivery.MeetingFlows;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What an operator looks for: a meeting id, an event id (the meeting it belongs to), or a
 * recipient's address (their meetings); and optionally one recipient within a meeting.
 */
@Component
class FlowSearch {

  private final MeetingFlows flows;

  FlowSearch(MeetingFlows flows) {
    this.flows = flows;
  }

  /**
   * @param query a meeting id, an event id or an e-mail address
   * @param recipient within a meeting, only this recipient
   */
  Found find(@Nullable String query, @Nullable String recipient) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return new Found(q, null, List.of(), false);
    }
    if (q.contains("@")) {
      return new Found(q, null, flows.meetingsOf(q), false);
    }
    UUID id;
    try {
      id = UUID.fromString(q);
    } catch (IllegalArgumentException e) {
      return new Found(q, null, List.of(), true);
    }
    Optional<MeetingFlow> meeting = flows.of(MeetingId.of(id), recipient);
    if (meeting.isEmpty()) {
      meeting = flows.meetingOfEvent(id).flatMap(m -> flows.of(m, recipient));
    }
    return new Found(q, meeting.orElse(null), List.of(), meeting.isEmpty());
  }

  /** What was found: a meeting's flow, or a recipient's meetings, or nothing ({@code notFound}). */
  record Found(
      String query,
      @Nullable MeetingFlow meeting,
      List<MeetingFlow.RecipientMeeting> meetings,
      boolean notFound) {}
}
