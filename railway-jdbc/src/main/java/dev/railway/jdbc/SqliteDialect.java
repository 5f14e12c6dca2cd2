package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: one process owns the file, so the store clock is the injected {@link Clock}, and the
 * store's single serialized connection already keeps claims and commits apart (no row locking).
 */
final class SqliteDialect implements SqlDialect {
  private final Clock clock;

  SqliteDialect(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "SQLite";
  }

  @Override
  public String migrationFolder() {
    return "db/sqlite";
  }

  @Override
  public List<String> migrations() {
    return List.of(
        "V1__init.sql", "V2__outbox_leases.sql", "V3__search_indexes.sql", "V4__trace_context.sql");
  }

  /** One connection, one process: nobody else migrates the file meanwhile. */
  @Override
  public MigrationLock lockForMigration(Connection connection) {
    return () -> {};
  }

  @Override
  public List<String> tables(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet r = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (r.next()) {
        String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.startsWith("sqlite_")) {
          tables.add(name);
        }
      }
    }
    return tables;
  }

  @Override
  public Instant now(Connection connection) {
    return clock.instant();
  }

  @Override
  public String claimDue(String returning) {
    return """
    UPDATE tasks SET lease_owner = ?, lease_until_ns = ?
    WHERE seq IN (
      SELECT seq FROM tasks
      WHERE decided = 0 AND due_at_ns <= ? AND (lease_until_ns IS NULL OR lease_until_ns <= ?)
      ORDER BY due_at_ns, seq
      LIMIT ?)
    RETURNING seq, %s
    """
        .formatted(returning);
  }

  /** The store's one connection serializes claimers, so no row locking is needed. */
  @Override
  public String claimOutbox(String returning) {
    return """
    UPDATE outbox SET lease_owner = ?, lease_until_ns = ?
    WHERE id IN (
      SELECT id FROM outbox
      WHERE delivered_at_ns IS NULL AND parked_at_ns IS NULL AND due_at_ns <= ?
        AND (lease_until_ns IS NULL OR lease_until_ns <= ?)
      ORDER BY id
      LIMIT ?)
    RETURNING %s
    """
        .formatted(returning);
  }

  @Override
  public void lockTaskIds(Connection connection, Collection<String> taskIds) {
    // The store's connection is serialized: no other group commit runs meanwhile.
  }

  /** Another process holding the file's write lock past the busy timeout is transient. */
  @Override
  public SqlFailure classify(SQLException failure) {
    if (failure instanceof java.sql.SQLTransientConnectionException) {
      return SqlFailure.UNAVAILABLE; // no turn on the connection in time
    }
    if (failure instanceof SQLiteException e) {
      // The primary code is the low byte: it covers extended codes such as SQLITE_BUSY_SNAPSHOT.
      int primary = e.getResultCode().code & 0xff;
      if (primary == SQLiteErrorCode.SQLITE_BUSY.code
          || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
        return SqlFailure.UNAVAILABLE;
      }
    }
    return SqlFailure.OTHER;
  }
}
