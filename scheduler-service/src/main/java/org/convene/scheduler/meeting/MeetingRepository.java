package org.convene.scheduler.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores each meeting's latest version, as a {@link MeetingDocument}, with the columns queries
 * need.
 */
@Repository
class MeetingRepository {

  /** A meeting at a revision. */
  record StoredMeeting(long revision, Meeting meeting) {}

  /** About 100 KB each for 100 people: a few tens of MB at most. */
  private static final int PARSED_MEETINGS = 256;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ParsedMeetings parsed = new ParsedMeetings(PARSED_MEETINGS);

  MeetingRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(long revision, Meeting meeting) {
    ZoneId zone = meeting.time().zone();
    jdbc.sql(
            """
            insert into meeting (id, revision, status, title, organiser_email, starts_at, ends_at, time_zone, snapshot)
            values (:id, :revision, :status, :title, :organiser, :startsAt, :endsAt, :zone, cast(:snapshot as jsonb))
            """)
        .param("id", meeting.id().value())
        .param("revision", revision)
        .param("status", meeting.status().name())
        .param("title", meeting.title())
        .param("organiser", meeting.organiser().mailbox().address())
        .param("startsAt", meeting.time().start().atZone(zone).toOffsetDateTime())
        .param("endsAt", meeting.time().end().atZone(zone).toOffsetDateTime())
        .param("zone", zone.getId())
        .param("snapshot", json.writeValueAsString(MeetingDocument.of(meeting)))
        .update();
  }

  /** Criteria for listing meetings; {@code null} means "any". */
  record Criteria(
      OffsetDateTime from, OffsetDateTime to, Mailbox organiser, MeetingStatus status) {}

  List<StoredMeeting> list(Criteria criteria, int offset, int limit) {
    Query query = where(criteria);
    StatementSpec statement =
        jdbc.sql(
            "select id, revision, snapshot::text as snapshot from meeting"
                + query.where()
                + " order by starts_at, id limit :limit offset :offset");
    query.params().forEach(statement::param);
    return statement.param("limit", limit).param("offset", offset).query(this::map).list();
  }

  long count(Criteria criteria) {
    Query query = where(criteria);
    StatementSpec statement = jdbc.sql("select count(*) from meeting" + query.where());
    query.params().forEach(statement::param);
    return statement.query(Long.class).single();
  }

  private record Query(String where, Map<String, Object> params) {}

  /** Only the given criteria become conditions: PostgreSQL cannot type a bare null parameter. */
  private static Query where(Criteria criteria) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (criteria.from() != null) {
      conditions.add("ends_at > :from");
      params.put("from", criteria.from());
    }
    if (criteria.to() != null) {
      conditions.add("starts_at < :to");
      params.put("to", criteria.to());
    }
    if (criteria.organiser() != null) {
      conditions.add("lower(organiser_email) = lower(:organiser)");
      params.put("organiser", criteria.organiser().address());
    }
    if (criteria.status() != null) {
      conditions.add("status = :status");
      params.put("status", criteria.status().name());
    }
    return new Query(
        conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
  }

  private StoredMeeting map(ResultSet rs, int row) throws SQLException {
    MeetingId id = MeetingId.of(rs.getObject("id", UUID.class));
    return new StoredMeeting(
        rs.getLong("revision"),
        json.readValue(rs.getString("snapshot"), MeetingDocument.class).toMeeting(id));
  }

  /** Reads the meeting and locks its row until the transaction ends: changes are serialised. */
  Optional<StoredMeeting> findForUpdate(MeetingId id) {
    return read(id, " for update");
  }

  /**
   * The meeting by id, its document read and parsed only if the revision differs from the one kept
   * in {@link ParsedMeetings}.
   */
  private Optional<StoredMeeting> read(MeetingId id, String lock) {
    StoredMeeting known = parsed.get(id);
    return jdbc.sql(
            """
            select revision, case when revision = :known then null else snapshot::text end as snapshot
            from meeting where id = :id"""
                + lock)
        .param("id", id.value())
        .param("known", known == null ? -1L : known.revision())
        .query(
            (rs, row) -> {
              String snapshot = rs.getString("snapshot");
              if (snapshot == null) {
                return known;
              }
              StoredMeeting read =
                  new StoredMeeting(
                      rs.getLong("revision"),
                      json.readValue(snapshot, MeetingDocument.class).toMeeting(id));
              parsed.keep(id, read);
              return read;
            })
        .optional();
  }

  /** Stores the meeting's new revision; the caller holds the row lock of {@link #findForUpdate}. */
  void update(long revision, Meeting meeting) {
    ZoneId zone = meeting.time().zone();
    int updated =
        jdbc.sql(
                """
            update meeting set revision = :revision, status = :status, title = :title, starts_at = :startsAt,
                ends_at = :endsAt, time_zone = :zone, snapshot = cast(:snapshot as jsonb), updated_at = now()
            where id = :id and revision = :revision - 1
            """)
            .param("id", meeting.id().value())
            .param("revision", revision)
            .param("status", meeting.status().name())
            .param("title", meeting.title())
            .param("startsAt", meeting.time().start().atZone(zone).toOffsetDateTime())
            .param("endsAt", meeting.time().end().atZone(zone).toOffsetDateTime())
            .param("zone", zone.getId())
            .param("snapshot", json.writeValueAsString(MeetingDocument.of(meeting)))
            .update();
    if (updated != 1) {
      throw new IllegalStateException(
          "Meeting " + meeting.id() + " is not at revision " + (revision - 1));
    }
  }

  Optional<StoredMeeting> find(MeetingId id) {
    return read(id, "");
  }
}
