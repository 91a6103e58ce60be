package org.convene.infra.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.convene.infra.EmbeddedInfrastructure;

/**
 * Where each service's database spends its time (pg_stat_statements, loaded when the property
 * {@link EmbeddedInfrastructure#TRACK_STATEMENTS} is set before the infrastructure starts): reset
 * before the measured phase, printed after it per unit of work, so that a statement that costs a
 * millisecond per answer stands out from the hundred that cost nothing.
 */
final class DatabaseStatements {

  private static final List<String> DATABASES =
      List.of(EmbeddedInfrastructure.SCHEDULER_DATABASE, EmbeddedInfrastructure.NOTIFIER_DATABASE);

  private static final int SHOWN = 12;

  private DatabaseStatements() {}

  /** Creates the extension where missing and forgets what was counted so far. */
  static void reset(EmbeddedInfrastructure infrastructure) throws SQLException {
    for (String database : DATABASES) {
      try (Connection connection = connect(infrastructure, database);
          Statement statement = connection.createStatement()) {
        statement.execute("create extension if not exists pg_stat_statements");
        statement.execute("select pg_stat_statements_reset()");
      }
    }
  }

  /**
   * Each database's costliest statements since {@link #reset}, per one of {@code units} (each an
   * {@code unit}: "answer", "message").
   */
  static void print(
      EmbeddedInfrastructure infrastructure, int units, String unit, Consumer<String> out)
      throws SQLException {
    for (String database : DATABASES) {
      out.accept("Database time in %s (pg_stat_statements), per %s:".formatted(database, unit));
      try (Connection connection = connect(infrastructure, database);
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  """
                  select total_exec_time, calls, rows, regexp_replace(left(query, 150), '\\s+', ' ', 'g')
                  from pg_stat_statements
                  where dbid = (select oid from pg_database where datname = current_database())
                  order by total_exec_time desc limit %d
                  """
                      .formatted(SHOWN))) {
        while (rows.next()) {
          out.accept(
              String.format(
                  Locale.ROOT,
                  "%8.0f ms %7.3f ms/%s %8d calls %8d rows  %s",
                  rows.getDouble(1),
                  rows.getDouble(1) / Math.max(1, units),
                  unit,
                  rows.getLong(2),
                  rows.getLong(3),
                  rows.getString(4)));
        }
      }
    }
  }

  private static Connection connect(EmbeddedInfrastructure infrastructure, String database)
      throws SQLException {
    return DriverManager.getConnection(
        infrastructure.jdbcUrl(database),
        EmbeddedInfrastructure.DATABASE_USER,
        EmbeddedInfrastructure.DATABASE_PASSWORD);
  }
}
