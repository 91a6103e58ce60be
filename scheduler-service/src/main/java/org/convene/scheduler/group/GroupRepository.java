package org.convene.scheduler.group;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.meeting.domain.InvitedGroup;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Groups, their members, and which meetings invite them. */
@Repository
class GroupRepository {

  private final JdbcClient jdbc;

  GroupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void create(GroupId id, String name, Mailbox owner, List<Group.Member> members) {
    jdbc.sql("insert into person_group (id, name, owner_email) values (:id, :name, :owner)")
        .param("id", id.value())
        .param("name", name)
        .param("owner", owner.address())
        .update();
    insertMembers(id, members);
  }

  boolean nameTaken(String name) {
    return jdbc.sql("select count(*) from person_group where lower(name) = lower(:name)")
            .param("name", name)
            .query(Long.class)
            .single()
        > 0;
  }

  Optional<Group> find(GroupId id, boolean forUpdate) {
    return jdbc.sql(
            "select id, name, owner_email, revision from person_group where id = :id"
                + (forUpdate ? " for update" : ""))
        .param("id", id.value())
        .query(
            (rs, n) ->
                new Group(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getString("owner_email"),
                    rs.getLong("revision"),
                    members(id)))
        .optional();
  }

  List<Group> list() {
    return jdbc
        .sql("select id from person_group order by lower(name)")
        .query(UUID.class)
        .list()
        .stream()
        .map(id -> find(GroupId.of(id), false).orElseThrow())
        .toList();
  }

  void replaceMembers(GroupId id, long revision, List<Group.Member> members) {
    jdbc.sql("delete from group_member where group_id = :id").param("id", id.value()).update();
    insertMembers(id, members);
    jdbc.sql("update person_group set revision = :revision, updated_at = now() where id = :id")
        .param("id", id.value())
        .param("revision", revision)
        .update();
  }

  List<Group.Member> members(GroupId id) {
    return jdbc.sql(
            "select name, email, language, time_zone from group_member where group_id = :id order by position")
        .param("id", id.value())
        .query(
            (rs, n) ->
                new Group.Member(
                    rs.getString("name"),
                    rs.getString("email"),
                    rs.getString("language"),
                    rs.getString("time_zone")))
        .list();
  }

  /** Meetings that invite the group, in id order (the order their rows are locked in). */
  List<MeetingId> meetingsInviting(GroupId groupId) {
    return jdbc
        .sql("select meeting_id from meeting_group where group_id = :id order by meeting_id")
        .param("id", groupId.value())
        .query(UUID.class)
        .list()
        .stream()
        .map(MeetingId::of)
        .toList();
  }

  /** The groups a meeting invites, with their roles and current members. */
  List<InvitedGroup> invitationsOf(MeetingId meetingId) {
    return jdbc.sql(
            """
            select g.id, g.name, mg.role from meeting_group mg join person_group g on g.id = mg.group_id
            where mg.meeting_id = :id order by lower(g.name)
            """)
        .param("id", meetingId.value())
        .query(
            (rs, n) ->
                new InvitedGroup(
                    GroupId.of(rs.getObject("id", UUID.class)),
                    rs.getString("name"),
                    ParticipantRole.valueOf(rs.getString("role")),
                    members(GroupId.of(rs.getObject("id", UUID.class))).stream()
                        .map(
                            m ->
                                new InvitedGroup.Member(
                                    m.name(), Mailbox.of(m.email()), m.language(), m.timeZone()))
                        .toList()))
        .list();
  }

  void invite(MeetingId meetingId, GroupId groupId, ParticipantRole role) {
    jdbc.sql(
            """
            insert into meeting_group (meeting_id, group_id, role) values (:meeting, :group, :role)
            on conflict (meeting_id, group_id) do update set role = excluded.role
            """)
        .param("meeting", meetingId.value())
        .param("group", groupId.value())
        .param("role", role.name())
        .update();
  }

  boolean uninvite(MeetingId meetingId, GroupId groupId) {
    return jdbc.sql("delete from meeting_group where meeting_id = :meeting and group_id = :group")
            .param("meeting", meetingId.value())
            .param("group", groupId.value())
            .update()
        > 0;
  }

  private void insertMembers(GroupId id, List<Group.Member> members) {
    for (int i = 0; i < members.size(); i++) {
      Group.Member m = members.get(i);
      jdbc.sql(
              """
              insert into group_member (group_id, position, email, name, language, time_zone)
              values (:id, :position, :email, :name, :language, :zone)
              """)
          .param("id", id.value())
          .param("position", i)
          .param("email", m.email())
          .param("name", m.name())
          .param("language", m.language())
          .param("zone", m.timeZone())
          .update();
    }
  }
}
