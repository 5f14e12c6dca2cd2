package dev.railway.jdbc;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * SQLite: one process owns the file, so the store clock is the injected {@link Clock}, and the
 * store's write lock already serializes claims (no row locking needed).
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
    return List.of("V1__init.sql");
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
}
