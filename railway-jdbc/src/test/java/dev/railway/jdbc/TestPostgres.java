package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests run against, named by {@value #ENV}. Without it the PostgreSQL
 * tests are skipped, loudly: a JUnit assumption that says how to enable them, and a warning on
 * standard error. CI always sets it ({@code .ci/run}).
 */
final class TestPostgres {
  static final String ENV = "RAILWAY_TEST_POSTGRES_URL";

  private TestPostgres() {}

  /** The server's URL; aborts the calling test (class) as skipped when none is configured. */
  static String url() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      String message =
          "PostgreSQL tests SKIPPED: set "
              + ENV
              + " to run them, e.g. "
              + ENV
              + "='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' (CI always sets it)";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    return url;
  }

  /** A fresh schema name, so that test classes and runs never share tables. */
  static String newSchema(String purpose) {
    return ("rwtest_"
            + purpose
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
  }

  /** A connection of the test's own, outside every store. */
  static Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url());
    c.setAutoCommit(true);
    return c;
  }

  static void dropSchema(String schema) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("dropping test schema " + schema + " failed", e);
    }
  }

  /**
   * Terminates every backend of the store in {@code schema} (its pool and its listener), as an
   * operator or a failover would.
   *
   * @return how many were terminated
   */
  static int terminateBackends(String schema) throws SQLException {
    try (Connection c = connect();
        var s =
            c.prepareStatement(
                """
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name IN (?, ?) AND pid <> pg_backend_pid()
                """)) {
      s.setString(1, "railway:" + schema);
      s.setString(2, "railway-listen:" + schema);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
