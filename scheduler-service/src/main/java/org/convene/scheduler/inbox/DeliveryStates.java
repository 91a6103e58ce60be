package org.convene.scheduler.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Reports in the order they supersede each other: by revision, then by when recorded. */
  private static final Comparator<DeliveryReported> OLDER_FIRST =
      Comparator.comparingLong(DeliveryReported::revision).thenComparing(DeliveryReported::at);

  /** Whose delivery state a report is: one row of {@code delivery_state}. */
  private record Person(MeetingId meetingId, String mailboxKey) {}

  private final JdbcClient jdbc;

  DeliveryStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Keeps the newest of these reports for each person in one statement, one commit for a whole
   * poll: one by one, a notifier sending a thousand messages a second made this database commit a
   * thousand times a second for the pages' sake.
   */
  void keep(List<DeliveryReported> reports) {
    Map<Person, DeliveryReported> newest = new LinkedHashMap<>();
    for (DeliveryReported report : reports) {
      if (ABOUT_ANSWERS.contains(report.message())) {
        // A person's delivery state on the pages is that of the meeting's own messages: whether
        // they have its latest invitation, update or reminder. The confirmation of their answer, a
        // nudge or a quorum alert must not hide it.
        continue;
      }
      // One row per person in the statement: it may not update the same row twice.
      newest.merge(
          new Person(report.meetingId(), Mailbox.of(report.recipient()).key()),
          report,
          (kept, other) -> OLDER_FIRST.compare(other, kept) > 0 ? other : kept);
    }
    if (newest.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        newest.entrySet().stream()
            .map(
                entry -> {
                  DeliveryReported report = entry.getValue();
                  return new Object[] {
                    report.meetingId().value(),
                    entry.getKey().mailboxKey(),
                    report.revision(),
                    report.message(),
                    report.state().name(),
                    report.reason(),
                    report.at().atOffset(ZoneOffset.UTC)
                  };
                })
            .toList();
    jdbc.sql(
            """
            insert into delivery_state (meeting_id, mailbox_key, revision, message, state, reason, reported_at)
            select r.meeting_id, r.mailbox_key, r.revision, r.message, r.state, r.reason, r.reported_at
            from (values :rows) as r(meeting_id, mailbox_key, revision, message, state, reason, reported_at)
            where exists (select 1 from meeting where id = r.meeting_id)
            on conflict (meeting_id, mailbox_key) do update set revision = excluded.revision,
                message = excluded.message, state = excluded.state, reason = excluded.reason,
                reported_at = excluded.reported_at
            where (excluded.revision, excluded.reported_at)
                > (delivery_state.revision, delivery_state.reported_at)
            """)
        .param("rows", rows)
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
