package org.convene.notifier.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The ledgers' statements that take arrays ({@code unnest(?)}, {@code any(?)}): one row per
 * recipient or message in one statement. The only place that needs {@link JdbcTemplate}, whose
 * statement callbacks can create SQL arrays on the statement's connection; every other statement
 * goes through {@code JdbcClient}.
 */
@Component
class LedgerArrays {

  private final JdbcTemplate template;

  @Autowired
  LedgerArrays(DataSource dataSource) {
    this(new JdbcTemplate(dataSource));
  }

  private LedgerArrays(JdbcTemplate template) {
    this.template = template;
  }

  /** Statements on this one connection, whatever transaction the calling thread is in. */
  static LedgerArrays on(Connection connection) {
    return new LedgerArrays(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
  }

  /** An SQL array of {@code type} ({@code text}, {@code uuid}, {@code int8}...) as a parameter. */
  record SqlArray(String type, Object[] values) {

    static SqlArray of(String type, List<?> values) {
      return new SqlArray(type, values.toArray());
    }
  }

  int update(String sql, Object... parameters) {
    return template.update(statement(sql, parameters));
  }

  <T> List<T> query(String sql, RowMapper<T> rows, Object... parameters) {
    return template.query(statement(sql, parameters), rows);
  }

  private static PreparedStatementCreator statement(String sql, Object... parameters) {
    return con -> {
      PreparedStatement ps = con.prepareStatement(sql);
      try {
        for (int i = 0; i < parameters.length; i++) {
          set(con, ps, i + 1, parameters[i]);
        }
        return ps;
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
    };
  }

  private static void set(Connection con, PreparedStatement ps, int index, Object parameter)
      throws SQLException {
    if (parameter instanceof SqlArray array) {
      ps.setArray(index, con.createArrayOf(array.type(), array.values()));
    } else {
      StatementCreatorUtils.setParameterValue(ps, index, SqlTypeValue.TYPE_UNKNOWN, parameter);
    }
  }
}
