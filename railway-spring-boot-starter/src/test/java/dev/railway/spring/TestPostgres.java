package dev.railway.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server named by {@value #ENV}; without it the PostgreSQL tests are skipped loudly
 * (CI always sets it).
 */
final class TestPostgres {
  static final String ENV = "RAILWAY_TEST_POSTGRES_URL";

  private TestPostgres() {}

  static String url() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      String message =
          "PostgreSQL tests SKIPPED: set "
              + ENV
              + "='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' to run them (CI always"
              + " sets it)";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    return url;
  }

  static String newSchema() {
    return "rwtest_spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static void dropSchema(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }
}
