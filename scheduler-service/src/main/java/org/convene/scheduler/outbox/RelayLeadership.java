package org.convene.scheduler.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Which scheduler instance relays the outbox: the one whose own database connection holds a session
 * advisory lock. Holding the lock on a connection of its own, rather than in a transaction per
 * batch, lets the relay wait for the broker's acknowledgements without a transaction open; when the
 * instance dies or its connection breaks, PostgreSQL releases the lock and another instance takes
 * over. The same connection listens for the notification {@link Outbox} sends with each commit, so
 * the relay wakes at once for events committed on any instance.
 */
final class RelayLeadership implements AutoCloseable {

  /** The channel {@link Outbox} notifies on commit. */
  static final String CHANNEL = "convene_outbox";

  private final DataSource dataSource;
  private Connection connection;

  RelayLeadership(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether this instance relays now: takes the lock when nobody holds it. */
  boolean acquire(long lockKey) throws SQLException {
    if (connection != null) {
      return true;
    }
    Connection candidate = dataSource.getConnection();
    try {
      candidate.setAutoCommit(true);
      try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
        lock.setLong(1, lockKey);
        try (ResultSet result = lock.executeQuery()) {
          if (!result.next() || !result.getBoolean(1)) {
            candidate.close();
            return false;
          }
        }
      }
      try (Statement listen = candidate.createStatement()) {
        listen.execute("listen " + CHANNEL);
      }
      connection = candidate;
      return true;
    } catch (SQLException | RuntimeException e) {
      candidate.close();
      throw e;
    }
  }

  /** The leader's connection, in auto-commit: only the leader reads and deletes outbox rows. */
  Connection connection() {
    if (connection == null) {
      throw new IllegalStateException("not the relay leader");
    }
    return connection;
  }

  /** Waits until an event is committed somewhere, or at most {@code max}. */
  void awaitCommit(Duration max) throws SQLException {
    connection().unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
  }

  /**
   * Gives the lock up, e.g. on shut-down or after the connection broke. The connection goes back to
   * the pool, which keeps the session open: the lock and the listening are released first.
   */
  @Override
  public void close() {
    Connection held = connection;
    connection = null;
    if (held == null) {
      return;
    }
    try (Statement release = held.createStatement()) {
      release.execute("unlisten *");
      release.execute("select pg_advisory_unlock_all()");
    } catch (SQLException e) {
      // Broken: PostgreSQL released the lock with the session, and the pool drops the connection.
    }
    try {
      held.close();
    } catch (SQLException e) {
      // Nothing more to release.
    }
  }
}
