package org.convene.notifier.delivery;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumState;
import org.convene.notifier.delivery.BatchPlanner.Failure;
import org.convene.notifier.delivery.BatchPlanner.Send;
import org.convene.notifier.delivery.RecipientDecision.Superseded;
import org.convene.notifier.invitation.KnownAnswers;
import org.convene.notifier.invitation.Notice;
import org.convene.notifier.invitation.NoticeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides what becomes of each owed confirmation, quorum alert and nudge of a batch. They are a
 * track of their own: each is sent (none supersedes another, nor a calendar message), unless the
 * meeting has been cancelled since; a quorum alert or nudge at a lead time also once the quorum is
 * no longer at risk, and a nudge once its person has answered.
 */
@Component
class AnswerNoticePlanner {

  private static final Logger log = LoggerFactory.getLogger(AnswerNoticePlanner.class);

  private final AnswerEventLedger answerEvents;
  private final EventLedger meetingEvents;
  private final KnownQuorums quorums;
  private final KnownAnswers answers;
  private final JsonMapper jsonMapper;

  AnswerNoticePlanner(
      AnswerEventLedger answerEvents,
      EventLedger meetingEvents,
      KnownQuorums quorums,
      KnownAnswers answers,
      JsonMapper jsonMapper) {
    this.answerEvents = answerEvents;
    this.meetingEvents = meetingEvents;
    this.quorums = quorums;
    this.answers = answers;
    this.jsonMapper = jsonMapper;
  }

  /**
   * Plans the owed rows about answers, adding to the batch's plan.
   *
   * @param rows owed (PENDING) rows of the kinds about answers
   * @param loaded the batch's events, with the newest of each of these rows' meetings
   */
  void plan(
      List<LedgerRow> rows,
      BatchEvents.Events loaded,
      List<Send> sends,
      List<Superseded> superseded,
      List<Failure> failures) {
    if (rows.isEmpty()) {
      return;
    }
    Map<EventId, MeetingEvent> named = named(rows);
    Map<MeetingId, MeetingSnapshot> timedMeetings = new LinkedHashMap<>();
    for (LedgerRow row : rows) {
      MeetingEvent newest = loaded.newest(row.key().meetingId());
      if (row.key().notice() == null && newest != null) {
        timedMeetings.put(row.key().meetingId(), newest.meeting());
      }
    }
    Map<MeetingId, Quorum> quorumOf = quorums.of(timedMeetings);
    Map<MeetingId, Set<String>> answeredOf = new HashMap<>();
    for (LedgerRow row : rows) {
      MeetingId meetingId = row.key().meetingId();
      MeetingEvent newest = loaded.newest(meetingId);
      if (newest != null && cancelled(newest)) {
        superseded.add(new Superseded(row, newest.revision()));
        continue;
      }
      if (row.key().notice() != null) {
        MeetingEvent event = named.get(row.key().notice());
        if (event == null) {
          failures.add(
              new Failure(
                  row,
                  "The answer event "
                      + row.key().notice()
                      + " is not recorded or cannot be read: replay it from the topic or its dead letters"));
          continue;
        }
        planNamed(row, event, sends, failures);
        continue;
      }
      if (newest == null) {
        failures.add(
            new Failure(
                row,
                "No event of the meeting is recorded or readable: replay it from the topic or its dead letters"));
        continue;
      }
      Quorum quorum = quorumOf.get(meetingId);
      Participant recipient = AnswerNotices.person(newest.meeting(), row.key().recipient());
      boolean answered =
          row.kind() == DeliveryKind.NUDGE
              && answeredOf
                  .computeIfAbsent(meetingId, id -> new LinkedHashSet<>(answers.of(id).keySet()))
                  .contains(row.key().recipient());
      if (quorum.state() != QuorumState.AT_RISK || recipient == null || answered) {
        superseded.add(new Superseded(row, newest.revision()));
        continue;
      }
      NoticeKind kind =
          row.kind() == DeliveryKind.NUDGE ? NoticeKind.NUDGE : NoticeKind.QUORUM_ALERT;
      sends.add(
          new Send(
              row,
              Notice.aboutAnswers(
                  kind,
                  newest,
                  recipient,
                  new Notice.Answers(
                      row.revision() + ".lead-" + row.key().reminderMinutes(),
                      row.key().reminderMinutes(),
                      quorum))));
    }
  }

  /** A confirmation or an alert on becoming unreachable, written from the event that owes it. */
  private static void planNamed(
      LedgerRow row, MeetingEvent event, List<Send> sends, List<Failure> failures) {
    String key = row.key().notice().toString();
    switch (event) {
      case AttendeeAnswered answered when row.kind() == DeliveryKind.CONFIRMATION -> {
        Participant recipient = AnswerNotices.person(answered.meeting(), row.key().recipient());
        sends.add(
            new Send(
                row,
                Notice.aboutAnswers(
                    NoticeKind.CONFIRMATION,
                    answered,
                    recipient != null
                        ? recipient
                        : new Participant(
                            answered.name(), answered.attendee(), answered.role(), null, null),
                    new Notice.Answers(key, -1, null))));
      }
      case QuorumChanged changed when row.kind() == DeliveryKind.QUORUM_ALERT ->
          planAlert(row, changed, changed.quorum(), sends, failures);
      // Scheduled with a rule that puts the quorum out of reach: the figures are the snapshot's,
      // nobody having answered a meeting only now scheduled.
      case MeetingScheduled scheduled when row.kind() == DeliveryKind.QUORUM_ALERT ->
          planAlert(row, scheduled, KnownQuorums.unanswered(scheduled.meeting()), sends, failures);
      default ->
          failures.add(
              new Failure(
                  row,
                  "The answer event "
                      + row.key().notice()
                      + " is a "
                      + event.getClass().getSimpleName()
                      + ", which owes no "
                      + row.kind()));
    }
  }

  /** An alert that the quorum is out of reach, owed at once by {@code event}. */
  private static void planAlert(
      LedgerRow row, MeetingEvent event, Quorum quorum, List<Send> sends, List<Failure> failures) {
    Participant recipient = AnswerNotices.person(event.meeting(), row.key().recipient());
    if (recipient == null) {
      failures.add(new Failure(row, "Neither the organiser nor a chair of the meeting any more"));
      return;
    }
    sends.add(
        new Send(
            row,
            Notice.aboutAnswers(
                NoticeKind.QUORUM_ALERT,
                event,
                recipient,
                new Notice.Answers(row.key().notice().toString(), -1, quorum))));
  }

  /**
   * The events the rows name, each read once: answer events, and the scheduling of a meeting whose
   * quorum was out of reach from the start.
   */
  private Map<EventId, MeetingEvent> named(List<LedgerRow> rows) {
    Set<EventId> ids = new LinkedHashSet<>();
    rows.forEach(
        row -> {
          if (row.key().notice() != null) {
            ids.add(row.key().notice());
          }
        });
    Map<EventId, MeetingEvent> events = new HashMap<>();
    Map<EventId, String> payloads = new HashMap<>(answerEvents.payloads(ids));
    Set<EventId> others = new LinkedHashSet<>(ids);
    others.removeAll(payloads.keySet());
    payloads.putAll(meetingEvents.payloadsById(others));
    payloads.forEach(
        (id, json) -> {
          try {
            events.put(id, jsonMapper.readValue(json, MeetingEvent.class));
          } catch (JacksonException e) {
            log.error("The recorded answer event {} cannot be read", id, e);
          }
        });
    return events;
  }

  private static boolean cancelled(MeetingEvent event) {
    return event instanceof MeetingCancelled || event.meeting().status() == MeetingStatus.CANCELLED;
  }
}
