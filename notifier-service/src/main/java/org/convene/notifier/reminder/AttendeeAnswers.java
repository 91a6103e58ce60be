package org.convene.notifier.reminder;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import org.convene.events.Answer;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingId;
import org.convene.notifier.invitation.Recipients;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The latest answer of each invited person, learnt from the scheduler's {@link AttendeeAnswered}
 * events, so that reminders leave out those who declined. Events of one meeting arrive in order;
 * one delivered again after a restart is older than what is stored and changes nothing.
 */
@Repository
public class AttendeeAnswers implements DeclinedAttendees {

  private final JdbcClient jdbc;

  AttendeeAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(AttendeeAnswered answered) {
    jdbc.sql(
            """
            insert into attendee_answer (meeting_id, recipient, answer, recorded_at)
            values (:meeting, :recipient, :answer, :at)
            on conflict (meeting_id, recipient) do update
              set answer = excluded.answer, recorded_at = excluded.recorded_at
              where attendee_answer.recorded_at <= excluded.recorded_at
            """)
        .param("meeting", answered.meetingId().value())
        .param("recipient", Recipients.mailboxKey(answered.attendee()))
        .param("answer", answered.answer().name())
        .param("at", Timestamp.from(answered.occurredAt()))
        .update();
  }

  /** The mailbox keys of the meeting's people whose latest answer is {@link Answer#DECLINED}. */
  @Override
  public Set<String> declined(MeetingId meetingId) {
    return new HashSet<>(
        jdbc.sql(
                "select recipient from attendee_answer where meeting_id = :meeting and answer = :answer")
            .param("meeting", meetingId.value())
            .param("answer", Answer.DECLINED.name())
            .query(String.class)
            .list());
  }
}
