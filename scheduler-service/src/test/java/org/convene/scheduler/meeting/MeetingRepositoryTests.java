package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingRepository.StoredMeeting;
import org.convene.scheduler.meeting.domain.AgendaItem;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.meeting.domain.Document;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The meeting table on a real PostgreSQL migrated by Flyway: what is stored reads back as the same
 * meeting, and the columns the list queries use follow the meeting. Each test rolls back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import(MeetingRepository.class)
@ContextConfiguration(initializers = MeetingRepositoryTests.Database.class)
class MeetingRepositoryTests {

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

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired MeetingRepository meetings;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcClient jdbc;

  @Test
  void aStoredMeetingReadsBackEqual() {
    Meeting meeting = meeting("office@bast.example.org", 7);
    meetings.insert(1, meeting);

    assertThat(meetings.find(meeting.id()))
        .hasValueSatisfying(
            stored -> {
              assertThat(stored.revision()).isEqualTo(1);
              assertThat(stored.meeting()).isEqualTo(meeting);
            });
    assertThat(meetings.findForUpdate(MeetingId.random())).isEmpty();
  }

  @Test
  void anUpdateNeedsThePreviousRevision() {
    Meeting meeting = meeting("office@bast.example.org", 7);
    meetings.insert(1, meeting);
    Meeting cancelled = changed(meeting, meeting.title(), MeetingStatus.CANCELLED);

    meetings.update(2, cancelled);

    assertThat(meetings.find(meeting.id()))
        .hasValueSatisfying(
            stored -> assertThat(stored.meeting().status()).isEqualTo(MeetingStatus.CANCELLED));
    assertThatIllegalStateException().isThrownBy(() -> meetings.update(2, cancelled));
  }

  @Test
  void listFiltersByOrganiserInAnyCaseTimeRangeAndStatusInStartOrder() {
    Meeting later = meeting("district@bast.example.org", 9);
    Meeting earlier = meeting("district@bast.example.org", 8);
    meetings.insert(1, later);
    meetings.insert(1, earlier);
    meetings.insert(1, meeting("office@bast.example.org", 8));
    Mailbox district = Mailbox.of("DISTRICT@bast.example.org");

    MeetingRepository.Criteria all =
        new MeetingRepository.Criteria(null, null, district, MeetingStatus.SCHEDULED);
    assertThat(meetings.list(all, 0, 10))
        .extracting(stored -> stored.meeting().id())
        .containsExactly(earlier.id(), later.id());
    assertThat(meetings.count(all)).isEqualTo(2);

    MeetingRepository.Criteria afterEarlier =
        new MeetingRepository.Criteria(
            earlier.time().end().atZone(SHANGHAI).toOffsetDateTime(), null, district, null);
    assertThat(meetings.list(afterEarlier, 0, 10))
        .extracting(stored -> stored.meeting().id())
        .containsExactly(later.id());
    assertThat(
            meetings.count(
                new MeetingRepository.Criteria(null, null, district, MeetingStatus.CANCELLED)))
        .isZero();
  }

  /**
   * A document is read and parsed again only when the revision moved on, and what a transaction
   * read of its own change is not kept once it rolls back: another change may then commit under the
   * same revision.
   */
  @Test
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void aMeetingKnownAtItsRevisionIsNotParsedAgainAndARolledBackChangeIsNotKept() {
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    Meeting meeting = meeting("office@bast.example.org", 7);
    try {
      transaction.executeWithoutResult(status -> meetings.insert(1, meeting));
      transaction.executeWithoutResult(status -> meetings.find(meeting.id()));
      // The document changed behind the revision's back: the meeting known at revision 1 is kept.
      jdbc.sql("update meeting set snapshot = jsonb_set(snapshot, '{title}', '\"Changed\"')")
          .update();
      Optional<StoredMeeting> kept =
          transaction.execute(status -> meetings.findForUpdate(meeting.id()));
      assertThat(kept)
          .hasValueSatisfying(
              stored -> assertThat(stored.meeting().title()).isEqualTo("Work planning"));

      transaction.executeWithoutResult(
          status -> {
            meetings.update(2, titled(meeting, "Rolled back"));
            assertThat(meetings.find(meeting.id()))
                .hasValueSatisfying(
                    stored -> assertThat(stored.meeting().title()).isEqualTo("Rolled back"));
            status.setRollbackOnly();
          });
      transaction.executeWithoutResult(status -> meetings.update(2, titled(meeting, "Moved")));

      Optional<StoredMeeting> moved = transaction.execute(status -> meetings.find(meeting.id()));
      assertThat(moved)
          .hasValueSatisfying(
              stored -> {
                assertThat(stored.revision()).isEqualTo(2);
                assertThat(stored.meeting().title()).isEqualTo("Moved");
              });
    } finally {
      jdbc.sql("delete from meeting where id = :id").param("id", meeting.id().value()).update();
    }
  }

  private static Meeting titled(Meeting meeting, String title) {
    return changed(meeting, title, meeting.status());
  }

  /** The meeting with another title and status, everything else as it is. */
  private static Meeting changed(Meeting meeting, String title, MeetingStatus status) {
    return new Meeting(
        meeting.id(),
        title,
        meeting.description(),
        meeting.organiser(),
        meeting.time(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        meeting.participants(),
        meeting.agenda(),
        status,
        meeting.reminderMinutesBefore());
  }

  private static Meeting meeting(String organiser, int daysAhead) {
    LocalDateTime start =
        LocalDateTime.now(SHANGHAI).plusDays(daysAhead).withHour(9).truncatedTo(ChronoUnit.HOURS);
    Mailbox chair = Mailbox.of("Shen.Jie@bast.example.org");
    return new Meeting(
        MeetingId.random(),
        "Work planning",
        "",
        new Person("Office", Mailbox.of(organiser)),
        new MeetingTime(start, start.plusHours(2), SHANGHAI),
        "Room 1",
        null,
        List.of(new Document("Plan", "https://docs.bast.example.org/plan.pdf")),
        List.of(
            Participant.direct("Shen Jie", chair, ParticipantRole.CHAIR, "zh-CN", null),
            new Participant(
                "Li Na",
                Mailbox.of("li.na@bast.example.org"),
                ParticipantRole.NON_VOTING,
                null,
                "Europe/Berlin",
                "Deputy section directors")),
        List.of(new AgendaItem(AgendaItemId.random(), "Opening", chair, 20, "Welcome")),
        MeetingStatus.SCHEDULED,
        List.of(1440, 60));
  }
}
