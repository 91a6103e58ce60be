package org.convene.notifier.reminder;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.convene.events.Answer;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingId;
import org.convene.events.MeetingTime;
import org.convene.notifier.invitation.KnownAnswers;
import org.convene.notifier.invitation.Recipients;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The latest answer of each invited person, learnt from the scheduler's {@link AttendeeAnswered}
 * events, so that reminders leave out those who declined or delegated, and later REQUESTs tell
 * calendars who answered what. Events of one meeting arrive in order; one delivered again after a
 * restart is older than what is stored and changes nothing.
 */
@Repository
public class AttendeeAnswers implements AbsentAttendees, KnownAnswers {

  private final JdbcClient jdbc;

  AttendeeAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(AttendeeAnswered answered) {
    // The time answered is known only for an answer to the current revision: the event carries the
    // meeting as it stands, not as it stood at an older revision.
    MeetingTime time =
        answered.answeredRevision() == answered.revision() ? answered.meeting().time() : null;
    jdbc.sql(
            """
            insert into attendee_answer
              (meeting_id, recipient, answer, recorded_at, answered_start, answered_end, answered_zone)
            values (:meeting, :recipient, :answer, :at, :start, :end, :zone)
            on conflict (meeting_id, recipient) do update
              set answer = excluded.answer, recorded_at = excluded.recorded_at,
                answered_start = excluded.answered_start, answered_end = excluded.answered_end,
                answered_zone = excluded.answered_zone
              where attendee_answer.recorded_at <= excluded.recorded_at
            """)
        .param("meeting", answered.meetingId().value())
        .param("recipient", Recipients.mailboxKey(answered.attendee()))
        .param("answer", answered.answer().name())
        .param("at", Timestamp.from(answered.occurredAt()))
        .param("start", time == null ? null : time.start(), Types.TIMESTAMP)
        .param("end", time == null ? null : time.end(), Types.TIMESTAMP)
        .param("zone", time == null ? null : time.timeZone(), Types.VARCHAR)
        .update();
  }

  @Override
  public Map<String, KnownAnswer> of(MeetingId meetingId) {
    Map<String, KnownAnswer> known = new HashMap<>();
    jdbc.sql(
            """
            select recipient, answer, answered_start, answered_end, answered_zone
            from attendee_answer where meeting_id = :meeting
            """)
        .param("meeting", meetingId.value())
        .query(
            rs -> {
              LocalDateTime start = rs.getObject("answered_start", LocalDateTime.class);
              LocalDateTime end = rs.getObject("answered_end", LocalDateTime.class);
              String zone = rs.getString("answered_zone");
              MeetingTime time =
                  start == null || end == null || zone == null
                      ? null
                      : new MeetingTime(start, end, zone);
              known.put(
                  rs.getString("recipient"),
                  new KnownAnswer(Answer.valueOf(rs.getString("answer")), time));
            });
    return known;
  }

  /** Answers that mean the person will not attend: no reminder goes to them. */
  private static final List<String> ABSENT =
      List.of(Answer.DECLINED.name(), Answer.DELEGATED.name());

  @Override
  public Map<MeetingId, Set<String>> absent(Collection<MeetingId> meetingIds) {
    Map<MeetingId, Set<String>> absent = new HashMap<>();
    if (meetingIds.isEmpty()) {
      return absent;
    }
    jdbc.sql(
            """
            select meeting_id, recipient from attendee_answer
            where meeting_id in (:meetings) and answer in (:absent)
            """)
        .param("meetings", meetingIds.stream().map(MeetingId::value).toList())
        .param("absent", ABSENT)
        .query(
            rs -> {
              absent
                  .computeIfAbsent(
                      new MeetingId(rs.getObject("meeting_id", UUID.class)), id -> new HashSet<>())
                  .add(rs.getString("recipient"));
            });
    return absent;
  }
}
