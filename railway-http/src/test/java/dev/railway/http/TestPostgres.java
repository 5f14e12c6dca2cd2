package dev.railway.http;

import dev.railway.jdbc.PostgresOptions;
import dev.railway.jdbc.PostgresStore;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server named by {@value #ENV}. Without it the PostgreSQL tests are skipped,
 * loudly; CI always sets it ({@code .ci/run}).
 */
final class TestPostgres {
  static final String ENV = "RAILWAY_TEST_POSTGRES_URL";

  private TestPostgres() {}

  static String url() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      String message =
          "PostgreSQL HTTP tests SKIPPED: set "
              + ENV
              + "='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' to run them (CI always"
              + " sets it)";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    return url;
  }

  /** A store in a fresh schema, so that concurrent test runs never share tables. */
  static PostgresStore store() {
    String schema =
        ("rwtest_http_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
            .toLowerCase(Locale.ROOT);
    return PostgresStore.open(url(), PostgresOptions.defaults().withSchema(schema));
  }

  static void dropSchema(String schema) {
    try (var c = java.sql.DriverManager.getConnection(url());
        var s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("dropping test schema " + schema + " failed", e);
    }
  }
}
