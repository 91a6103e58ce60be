package org.convene.scheduler.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Who relays, and how the relay learns of a commit, on a real PostgreSQL server. */
class RelayLeadershipTests {

  private static final long LOCK = 42L;
  private static DriverManagerDataSource database;

  @BeforeAll
  static void database() {
    database =
        new DriverManagerDataSource(
            EmbeddedPostgresServer.jdbcUrl("relay_leadership_tests"),
            EmbeddedPostgresServer.username(),
            EmbeddedPostgresServer.password());
  }

  @AfterAll
  static void nothingLeftHeld() throws SQLException {
    try (RelayLeadership probe = new RelayLeadership(database)) {
      assertThat(probe.acquire(LOCK)).isTrue();
    }
  }

  @Test
  void oneInstanceLeadsUntilItLetsGoThenAnotherTakesOver() throws SQLException {
    try (RelayLeadership first = new RelayLeadership(database);
        RelayLeadership second = new RelayLeadership(database)) {
      assertThat(first.acquire(LOCK)).isTrue();
      assertThat(second.acquire(LOCK)).isFalse();
      assertThat(first.acquire(LOCK)).as("the leader stays the leader").isTrue();

      first.close();

      assertThat(second.acquire(LOCK)).isTrue();
    }
  }

  @Test
  void theLeaderTakesOverWhenTheHoldersSessionDies() throws SQLException {
    try (RelayLeadership survivor = new RelayLeadership(database)) {
      try (Connection crashed = database.getConnection();
          Statement statement = crashed.createStatement()) {
        statement.execute("select pg_advisory_lock(" + LOCK + ")");
        assertThat(survivor.acquire(LOCK)).isFalse();
      }
      // The connection closed with its session, as when the instance holding it is killed.
      assertThat(survivor.acquire(LOCK)).isTrue();
    }
  }

  @Test
  void aCommitThatNotifiesWakesTheLeaderLongBeforeItsWaitEnds() throws Exception {
    try (RelayLeadership leader = new RelayLeadership(database)) {
      assertThat(leader.acquire(LOCK)).isTrue();
      CompletableFuture<Void> waiting =
          CompletableFuture.runAsync(
              () -> {
                try {
                  leader.awaitCommit(Duration.ofMinutes(10));
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });

      try (Connection writer = database.getConnection()) {
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
          statement.execute("select pg_notify('" + RelayLeadership.CHANNEL + "', '')");
        }
        assertThat(waiting).as("nothing is delivered before the commit").isNotDone();
        writer.commit();
      }

      await().atMost(Duration.ofSeconds(30)).until(waiting::isDone);
      assertThat(waiting).isCompleted();
    }
  }
}
