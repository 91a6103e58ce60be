package org.convene.notifier.reminder;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.convene.events.MeetingId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reminders the planner dropped because their time had already passed (beyond the grace) when the
 * meeting was scheduled or moved: they get no trigger, so without this record nothing would show
 * that they were ever considered. Written in the planner's transaction; read by the flow page.
 */
@Repository
public class UnplannedReminders {

  private final JdbcClient jdbc;

  UnplannedReminders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One reminder not planned.
   *
   * @param revision the revision whose planning dropped it
   * @param dueAt when it would have been due
   * @param decidedAt when that revision was planned, already past {@code dueAt}
   */
  public record Unplanned(long revision, int minutesBefore, Instant dueAt, Instant decidedAt) {}

  /** Records the decision once: a redelivered event records nothing twice. */
  void record(MeetingId meetingId, long revision, int minutesBefore, Instant dueAt, Instant now) {
    jdbc.sql(
            """
            insert into reminder_not_planned (meeting_id, revision, minutes_before, due_at, decided_at)
            values (:meetingId, :revision, :minutes, :dueAt, :decidedAt)
            on conflict do nothing
            """)
        .param("meetingId", meetingId.value())
        .param("revision", revision)
        .param("minutes", minutesBefore)
        .param("dueAt", Timestamp.from(dueAt))
        .param("decidedAt", Timestamp.from(now))
        .update();
  }

  /** The meeting's reminders not planned, by revision, the largest offset first. */
  public List<Unplanned> of(MeetingId meetingId) {
    return jdbc.sql(
            """
            select revision, minutes_before, due_at, decided_at from reminder_not_planned
            where meeting_id = :meetingId order by revision, minutes_before desc
            """)
        .param("meetingId", meetingId.value())
        .query(
            (rs, row) ->
                new Unplanned(
                    rs.getLong("revision"),
                    rs.getInt("minutes_before"),
                    rs.getTimestamp("due_at").toInstant(),
                    rs.getTimestamp("decided_at").toInstant()))
        .list();
  }
}
