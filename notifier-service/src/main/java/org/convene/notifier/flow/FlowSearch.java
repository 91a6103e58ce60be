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
  private final FlowReminders reminders;

  FlowSearch(MeetingFlows flows, FlowReminders reminders) {
    this.flows = flows;
    this.reminders = reminders;
  }

  /**
   * @param query a meeting id, an event id or an e-mail address
   * @param recipient within a meeting, only this recipient
   */
  Found find(@Nullable String query, @Nullable String recipient) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return new Found(q, null, List.of(), false, null);
    }
    if (q.contains("@")) {
      return new Found(q, null, flows.meetingsOf(q), false, null);
    }
    UUID id;
    try {
      id = UUID.fromString(q);
    } catch (IllegalArgumentException e) {
      return new Found(q, null, List.of(), true, null);
    }
    Optional<MeetingFlow> meeting = flows.of(MeetingId.of(id), recipient);
    if (meeting.isEmpty()) {
      meeting = flows.meetingOfEvent(id).flatMap(m -> flows.of(m, recipient));
    }
    if (meeting.isEmpty()) {
      return new Found(q, null, List.of(), true, null);
    }
    MeetingFlow flow = meeting.get();
    return new Found(
        q,
        flow,
        List.of(),
        false,
        reminders.of(
            MeetingId.parse(flow.meetingId()),
            flow.recipients().stream().map(MeetingFlow.Recipient::recipient).toList()));
  }

  /**
   * What was found: a meeting's flow with its reminders, or a recipient's meetings, or nothing
   * ({@code notFound}).
   */
  record Found(
      String query,
      @Nullable MeetingFlow meeting,
      List<MeetingFlow.RecipientMeeting> meetings,
      boolean notFound,
      @Nullable MeetingReminders reminders) {}
}
