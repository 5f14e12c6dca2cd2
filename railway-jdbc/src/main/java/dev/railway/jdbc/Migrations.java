package dev.railway.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database to the schema this code expects: the dialect's scripts {@code V<n>__<what>.sql}
 * are applied in order, each in its own transaction together with its {@code schema_version} row,
 * so a crash leaves the database at a whole version. A database newer than the code, or one that
 * holds somebody else's tables, is refused untouched.
 */
final class Migrations {
  private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

  private final SqlDialect dialect;
  private final String database;

  /**
   * @param database how to name the database in messages (its path)
   */
  Migrations(SqlDialect dialect, String database) {
    this.dialect = dialect;
    this.database = database;
  }

  /** The version this code brings a database to. */
  int latest() {
    return dialect.migrations().size();
  }

  /**
   * Applies what is missing; expects a connection outside auto-commit.
   *
   * @return the versions applied now (empty when the schema was current)
   */
  List<Integer> apply(Connection c) throws SQLException {
    SqlDialect.MigrationLock lock = dialect.lockForMigration(c);
    List<Integer> applied;
    try {
      applied = applyLocked(c);
    } catch (SQLException | RuntimeException e) {
      try {
        lock.release();
      } catch (SQLException released) {
        e.addSuppressed(released);
      }
      throw e;
    }
    lock.release();
    return applied;
  }

  private List<Integer> applyLocked(Connection c) throws SQLException {
    int current = currentVersion(c);
    if (current > latest()) {
      throw new IllegalStateException(
          "%s has store schema version %d, newer than the %d this Railway knows; open it with the newer Railway that wrote it (the database was left untouched)"
              .formatted(database, current, latest()));
    }
    List<Integer> applied = new ArrayList<>();
    for (int version = current + 1; version <= latest(); version++) {
      String script = dialect.migrations().get(version - 1);
      requireNamed(script, version);
      try {
        try (Statement s = c.createStatement()) {
          for (String sql : statements(load(script))) {
            s.execute(sql);
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO schema_version (version, script, applied_at_ns) VALUES (?, ?, ?)")) {
          s.setInt(1, version);
          s.setString(2, script);
          EpochNanos.bind(s, 3, dialect.now(c));
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw new IllegalStateException(
            "migrating %s to schema version %d (%s) failed: %s"
                .formatted(database, version, script, e.getMessage()),
            e);
      }
      applied.add(version);
    }
    return applied;
  }

  /** The schema version, creating the version table in an empty database. */
  private int currentVersion(Connection c) throws SQLException {
    List<String> tables = dialect.tables(c);
    if (!tables.contains("schema_version")) {
      if (!tables.isEmpty()) {
        throw new IllegalStateException(
            "%s is a %s database but not a Railway store: it has tables %s and no schema_version table; it was left untouched"
                .formatted(database, dialect.name(), tables));
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            """
            CREATE TABLE schema_version (
              version       INTEGER PRIMARY KEY,
              script        TEXT    NOT NULL,
              applied_at_ns BIGINT  NOT NULL)
            """);
      }
      c.commit();
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      r.next();
      int version = r.getInt(1);
      c.commit();
      return version;
    }
  }

  private static void requireNamed(String script, int version) {
    Matcher m = NAME.matcher(script);
    if (!m.matches() || Integer.parseInt(m.group(1)) != version) {
      throw new IllegalStateException(
          "migration script " + script + " is listed as version " + version);
    }
  }

  private String load(String script) {
    String resource = dialect.migrationFolder() + "/" + script;
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "migration script " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration script " + resource, e);
    }
  }

  /** Splits a script into statements: each ends with {@code ;} at the end of a line. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
