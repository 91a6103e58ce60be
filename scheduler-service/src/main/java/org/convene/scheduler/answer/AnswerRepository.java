package org.convene.scheduler.answer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.Proposal;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each invited person's newest answer, and the answers of people the meeting does not invite. */
@Repository
class AnswerRepository {

  /** An answer with the time it was recorded. */
  record StoredAnswer(Answer answer, Instant recordedAt) {}

  private final JdbcClient jdbc;

  AnswerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Map<Mailbox, StoredAnswer> answers(MeetingId id) {
    Map<Mailbox, StoredAnswer> answers = new LinkedHashMap<>();
    jdbc.sql(
            """
            select address, status, delegated_to, answered_revision, answered_at, channel, comment, recorded_at
            from answer where meeting_id = :id
            """)
        .param("id", id.value())
        .query(AnswerRepository::map)
        .list()
        .forEach(stored -> answers.put(stored.answer().attendee(), stored));
    return answers;
  }

  /** Stores the person's answer in place of their previous one. */
  void save(MeetingId id, Answer answer, Instant recordedAt) {
    jdbc.sql(
            """
            insert into answer (meeting_id, mailbox_key, address, status, delegated_to, answered_revision, answered_at, channel,
                comment, recorded_at)
            values (:id, :key, :address, :status, :delegatedTo, :revision, :answeredAt, :channel, :comment, :recordedAt)
            on conflict (meeting_id, mailbox_key) do update set address = excluded.address, status = excluded.status,
                delegated_to = excluded.delegated_to, answered_revision = excluded.answered_revision,
                answered_at = excluded.answered_at, channel = excluded.channel, comment = excluded.comment,
                recorded_at = excluded.recorded_at
            """)
        .param("id", id.value())
        .param("key", answer.attendee().key())
        .param("address", answer.attendee().address())
        .param("status", answer.status().name())
        .param(
            "delegatedTo",
            answer.delegatedTo() == null ? null : answer.delegatedTo().address(),
            java.sql.Types.VARCHAR)
        .param("revision", answer.revision())
        .param("answeredAt", utc(answer.answeredAt()))
        .param("channel", answer.channel().name())
        .param("comment", answer.comment(), java.sql.Types.VARCHAR)
        .param("recordedAt", utc(recordedAt))
        .update();
  }

  /** Keeps an uninvited person's answer, unless a newer one of theirs is already kept. */
  void saveUninvited(MeetingId id, Answer answer, Instant recordedAt) {
    jdbc.sql(
            """
            insert into uninvited_answer (meeting_id, mailbox_key, address, status, answered_revision, answered_at, channel,
                comment, recorded_at)
            values (:id, :key, :address, :status, :revision, :answeredAt, :channel, :comment, :recordedAt)
            on conflict (meeting_id, mailbox_key) do update set address = excluded.address, status = excluded.status,
                answered_revision = excluded.answered_revision, answered_at = excluded.answered_at,
                channel = excluded.channel, comment = excluded.comment, recorded_at = excluded.recorded_at
            where (uninvited_answer.answered_revision, uninvited_answer.answered_at)
                < (excluded.answered_revision, excluded.answered_at)
            """)
        .param("id", id.value())
        .param("key", answer.attendee().key())
        .param("address", answer.attendee().address())
        .param("status", answer.status().name())
        .param("revision", answer.revision())
        .param("answeredAt", utc(answer.answeredAt()))
        .param("channel", answer.channel().name())
        .param("comment", answer.comment(), java.sql.Types.VARCHAR)
        .param("recordedAt", utc(recordedAt))
        .update();
  }

  List<StoredAnswer> uninvited(MeetingId id) {
    return jdbc.sql(
            """
            select address, status, null as delegated_to, answered_revision, answered_at, channel, comment, recorded_at
            from uninvited_answer where meeting_id = :id order by answered_at, address
            """)
        .param("id", id.value())
        .query(AnswerRepository::map)
        .list();
  }

  /** Keeps a person's proposal of another time, unless a newer one of theirs is already kept. */
  void saveProposal(MeetingId id, Proposal proposal, Instant recordedAt) {
    jdbc.sql(
            """
            insert into counter_proposal (meeting_id, mailbox_key, address, proposed_start, proposed_end,
                answered_revision, proposed_at, comment, recorded_at)
            values (:id, :key, :address, :start, :end, :revision, :proposedAt, :comment, :recordedAt)
            on conflict (meeting_id, mailbox_key) do update set address = excluded.address,
                proposed_start = excluded.proposed_start, proposed_end = excluded.proposed_end,
                answered_revision = excluded.answered_revision, proposed_at = excluded.proposed_at,
                comment = excluded.comment, recorded_at = excluded.recorded_at
            where (counter_proposal.answered_revision, counter_proposal.proposed_at)
                < (excluded.answered_revision, excluded.proposed_at)
            """)
        .param("id", id.value())
        .param("key", proposal.attendee().key())
        .param("address", proposal.attendee().address())
        .param("start", utc(proposal.start()))
        .param("end", utc(proposal.end()))
        .param("revision", proposal.revision())
        .param("proposedAt", utc(proposal.proposedAt()))
        .param("comment", proposal.comment(), java.sql.Types.VARCHAR)
        .param("recordedAt", utc(recordedAt))
        .update();
  }

  /** The proposals of other times kept for the meeting, in the order they were made. */
  List<Proposal> proposals(MeetingId id) {
    return jdbc.sql(
            """
            select address, proposed_start, proposed_end, answered_revision, proposed_at, comment
            from counter_proposal where meeting_id = :id order by proposed_at, address
            """)
        .param("id", id.value())
        .query(
            (rs, row) ->
                new Proposal(
                    Mailbox.of(rs.getString("address")),
                    instant(rs.getTimestamp("proposed_start")),
                    instant(rs.getTimestamp("proposed_end")),
                    rs.getLong("answered_revision"),
                    instant(rs.getTimestamp("proposed_at")),
                    rs.getString("comment")))
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static StoredAnswer map(ResultSet rs, int row) throws SQLException {
    String delegatedTo = rs.getString("delegated_to");
    Answer answer =
        new Answer(
            Mailbox.of(rs.getString("address")),
            AnswerStatus.valueOf(rs.getString("status")),
            delegatedTo == null ? null : Mailbox.of(delegatedTo),
            rs.getLong("answered_revision"),
            instant(rs.getTimestamp("answered_at")),
            Channel.valueOf(rs.getString("channel")),
            rs.getString("comment"));
    return new StoredAnswer(answer, instant(rs.getTimestamp("recorded_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp.toInstant();
  }
}
