package org.convene.scheduler.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.convene.events.DeliveryReported;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What became of the newest message to each participant of a meeting, kept from the notifier's
 * delivery reports. A report older than the one kept (by revision, then time), or the same one read
 * again, changes nothing; a report about a meeting this scheduler does not have is dropped.
 */
@Repository
public class DeliveryStates {

  /**
   * One person's newest delivery, for the pages.
   *
   * @param state {@code SENT}, {@code RETRYING} or {@code FAILED}
   * @param message what was sent: {@code INVITATION}, {@code UPDATE}, ...
   * @param reason why it failed or waits; {@code null} when sent
   */
  public record PersonDelivery(
      long revision, String message, String state, String reason, Instant at) {

    /** Whether the notifier gave this message up for good. */
    public boolean failed() {
      return DeliveryReported.State.FAILED.name().equals(state);
    }
  }

  /** The notifier's messages about answers rather than about the meeting itself. */
  private static final Set<String> ABOUT_ANSWERS = Set.of("CONFIRMATION", "QUORUM_ALERT", "NUDGE");

  private final JdbcClient jdbc;

  DeliveryStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void keep(DeliveryReported report) {
    if (ABOUT_ANSWERS.contains(report.message())) {
      // A person's delivery state on the pages is that of the meeting's own messages: whether
      // they have its latest invitation, update or reminder. The confirmation of their answer, a
      // nudge or a quorum alert must not hide it.
      return;
    }
    jdbc.sql(
            """
            insert into delivery_state (meeting_id, mailbox_key, revision, message, state, reason, reported_at)
            select :meetingId, :key, :revision, :message, :state, :reason, :at
            where exists (select 1 from meeting where id = :meetingId)
            on conflict (meeting_id, mailbox_key) do update set revision = excluded.revision,
                message = excluded.message, state = excluded.state, reason = excluded.reason,
                reported_at = excluded.reported_at
            where (excluded.revision, excluded.reported_at)
                > (delivery_state.revision, delivery_state.reported_at)
            """)
        .param("meetingId", report.meetingId().value())
        .param("key", Mailbox.of(report.recipient()).key())
        .param("revision", report.revision())
        .param("message", report.message())
        .param("state", report.state().name())
        .param("reason", report.reason())
        .param("at", report.at().atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The newest delivery per participant, by {@link Mailbox#key()}; who has none is missing. */
  public Map<String, PersonDelivery> of(MeetingId meetingId) {
    Map<String, PersonDelivery> deliveries = new HashMap<>();
    jdbc.sql(
            """
            select mailbox_key, revision, message, state, reason, reported_at
            from delivery_state where meeting_id = :id
            """)
        .param("id", meetingId.value())
        .query(
            (rs, n) ->
                deliveries.put(
                    rs.getString("mailbox_key"),
                    new PersonDelivery(
                        rs.getLong("revision"),
                        rs.getString("message"),
                        rs.getString("state"),
                        rs.getString("reason"),
                        rs.getObject("reported_at", Timestamp.class).toInstant())))
        .list();
    return deliveries;
  }
}
