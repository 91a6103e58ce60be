package org.convene.scheduler.outbox;

import java.time.Instant;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.QuorumMoved;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingChange;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.system.TransactionScoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the transaction of the change it describes. It leaves for Kafka only after
 * that transaction commits ({@link OutboxRelay}, woken by the commit); if the transaction rolls
 * back, the event never existed.
 */
@Component
public class Outbox {

  /** The key under which a transaction remembers that it woke the relay. */
  private static final Object WAKES_RELAY = Outbox.class.getName() + ".wakesRelay";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final TraceParent traceParent;

  Outbox(JdbcClient jdbc, JsonMapper json, TraceParent traceParent) {
    this.jdbc = jdbc;
    this.json = json;
    this.traceParent = traceParent;
  }

  /**
   * Appends the event that publishes {@code change}, which left the meeting as {@code after} at
   * {@code revision}, under its quorum rule {@code quorumRule}; must be called inside the
   * transaction that stores the change.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(
      Meeting after,
      MeetingChange change,
      long revision,
      QuorumRule quorumRule,
      Instant occurredAt) {
    append(
        ContractMapping.event(EventId.random(), revision, occurredAt, after, quorumRule, change));
  }

  /**
   * Appends the events of a recorded answer: the answer, and the quorum's change of state when it
   * made one; must be called inside the transaction that stores the answer.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(AnswerOutcome.Recorded recorded, Instant occurredAt) {
    append(ContractMapping.answered(EventId.random(), occurredAt, recorded));
    if (recorded.quorumChanged()) {
      append(ContractMapping.quorumChanged(EventId.random(), occurredAt, recorded.quorumMoved()));
    }
  }

  /**
   * Appends the event of a quorum state that moved without an answer (people invited, removed or
   * given another role); nothing when it did not move.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(QuorumMoved moved, Instant occurredAt) {
    if (moved.stateChanged()) {
      append(ContractMapping.quorumChanged(EventId.random(), occurredAt, moved));
    }
  }

  /**
   * Appends the events of a new quorum rule: the rule and the figures it gives, whether or not the
   * state moved (readers must not go on counting under the old rule), then the change of state when
   * it made one; nothing when the rule is the one the meeting had.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendRuleChange(QuorumMoved moved, Instant occurredAt) {
    if (moved.before().rule().equals(moved.after().rule())) {
      return;
    }
    append(ContractMapping.quorumRuleChanged(EventId.random(), occurredAt, moved));
    append(moved, occurredAt);
  }

  private void append(MeetingEvent event) {
    jdbc.sql(
            """
            insert into outbox (event_id, meeting_id, revision, event_type, payload, trace_parent)
            values (:eventId, :meetingId, :revision, :type, :payload, :traceParent)
            """)
        .param("eventId", event.eventId().value())
        .param("meetingId", event.meetingId().value())
        .param("revision", event.revision())
        .param("type", event.cloudEventType())
        .param("payload", json.writeValueAsString(event))
        .param("traceParent", traceParent.current())
        .update();
    // Wakes the relay, on whichever instance leads, when this transaction commits. PostgreSQL
    // delivers notifications at commit, one per transaction however many were asked for, so it is
    // asked once: a poll of calendar replies appends dozens of events.
    TransactionScoped.get(
        WAKES_RELAY,
        () -> {
          jdbc.sql("select pg_notify('" + RelayLeadership.CHANNEL + "', '')").query().singleRow();
          return Boolean.TRUE;
        });
  }
}
