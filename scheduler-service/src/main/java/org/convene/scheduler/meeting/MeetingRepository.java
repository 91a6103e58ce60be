package org.convene.scheduler.meeting;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingSnapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stores each meeting's latest snapshot with the columns queries need. */
@Repository
class MeetingRepository {

  record StoredMeeting(UUID id, long revision, MeetingSnapshot meeting) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  MeetingRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID id, long revision, MeetingSnapshot meeting) {
    ZoneId zone = ZoneId.of(meeting.timeZone());
    jdbc.sql(
            """
            insert into meeting (id, revision, status, title, organiser_email, starts_at, ends_at, time_zone, snapshot)
            values (:id, :revision, :status, :title, :organiser, :startsAt, :endsAt, :zone, cast(:snapshot as jsonb))
            """)
        .param("id", id)
        .param("revision", revision)
        .param("status", meeting.status().name())
        .param("title", meeting.title())
        .param("organiser", meeting.organiser().email())
        .param("startsAt", meeting.start().atZone(zone).toOffsetDateTime())
        .param("endsAt", meeting.end().atZone(zone).toOffsetDateTime())
        .param("zone", meeting.timeZone())
        .param("snapshot", json.writeValueAsString(meeting))
        .update();
  }

  Optional<StoredMeeting> find(UUID id) {
    return jdbc.sql("select id, revision, snapshot::text as snapshot from meeting where id = :id")
        .param("id", id)
        .query((rs, n) -> new StoredMeeting(
            rs.getObject("id", UUID.class),
            rs.getLong("revision"),
            json.readValue(rs.getString("snapshot"), MeetingSnapshot.class)))
        .optional();
  }
}
