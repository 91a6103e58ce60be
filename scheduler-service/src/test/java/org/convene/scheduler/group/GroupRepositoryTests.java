package org.convene.scheduler.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.meeting.domain.InvitedGroup;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Groups, their members and their invitations on a Flyway-migrated PostgreSQL; each test rolls
 * back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(GroupRepository.class)
@ContextConfiguration(initializers = GroupRepositoryTests.Database.class)
class GroupRepositoryTests {

  static final class Database
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "spring.datasource.url="
                  + EmbeddedPostgresServer.jdbcUrl("scheduler_repository_tests"),
              "spring.datasource.username=" + EmbeddedPostgresServer.username(),
              "spring.datasource.password=" + EmbeddedPostgresServer.password())
          .applyTo(context);
    }
  }

  @Autowired GroupRepository groups;
  @Autowired JdbcClient jdbc;

  private final MeetingId meeting = MeetingId.random();

  @BeforeEach
  void aMeetingToInviteGroupsTo() {
    jdbc.sql(
            """
            insert into meeting (id, revision, status, title, organiser_email, starts_at, ends_at, time_zone, snapshot)
            values (:id, 1, 'SCHEDULED', 'M', 'office@bast.example.org', now() + interval '1 day',
                    now() + interval '1 day 1 hour', 'Asia/Shanghai', '{}'::jsonb)
            """)
        .param("id", meeting.value())
        .update();
  }

  @Test
  void membersKeepTheirOrderAndAReplacementBumpsTheRevision() {
    GroupId id = GroupId.random();
    groups.create(
        id,
        "District associations",
        Mailbox.of("district@bast.example.org"),
        List.of(
            member("Zhang Wei", "zhang.wei@dongcheng.example.org"),
            member("Yang Fang", "yang.fang@xicheng.example.org")));

    groups.replaceMembers(
        id,
        2,
        List.of(
            member("Huang Jing", "huang.jing@chaoyang.example.org"),
            member("Yang Fang", "yang.fang@xicheng.example.org")));

    assertThat(groups.find(id, false))
        .hasValueSatisfying(
            group -> {
              assertThat(group.revision()).isEqualTo(2);
              assertThat(group.members())
                  .extracting(Group.Member::email)
                  .containsExactly(
                      "huang.jing@chaoyang.example.org", "yang.fang@xicheng.example.org");
            });
    assertThat(groups.nameTaken("DISTRICT ASSOCIATIONS")).isTrue();
  }

  @Test
  void aMeetingsInvitationsCarryTheRoleAndCurrentMembersAndCanBeWithdrawn() {
    GroupId districts = GroupId.random();
    groups.create(
        districts,
        "District associations",
        Mailbox.of("district@bast.example.org"),
        List.of(member("Zhang Wei", "zhang.wei@dongcheng.example.org")));
    groups.invite(meeting, districts, ParticipantRole.VOTING);
    groups.invite(meeting, districts, ParticipantRole.NON_VOTING);

    assertThat(groups.invitationsOf(meeting))
        .containsExactly(
            new InvitedGroup(
                districts,
                "District associations",
                ParticipantRole.NON_VOTING,
                List.of(
                    new InvitedGroup.Member(
                        "Zhang Wei", Mailbox.of("zhang.wei@dongcheng.example.org"), "en", null))));
    assertThat(groups.meetingsInviting(districts)).containsExactly(meeting);

    assertThat(groups.uninvite(meeting, districts)).isTrue();
    assertThat(groups.uninvite(meeting, districts)).isFalse();
    assertThat(groups.invitationsOf(meeting)).isEmpty();
    assertThat(groups.find(GroupId.of(UUID.randomUUID()), false)).isEmpty();
  }

  private static Group.Member member(String name, String email) {
    return new Group.Member(name, email, "en", null);
  }
}
