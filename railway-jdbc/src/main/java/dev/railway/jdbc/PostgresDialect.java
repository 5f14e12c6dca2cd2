package dev.railway.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL: many processes share the database, so the store clock is the server's ({@code
 * clock_timestamp()}), claims skip rows other claimers hold ({@code FOR UPDATE SKIP LOCKED}), and
 * transaction-scoped advisory locks order the writers that must not interleave.
 */
final class PostgresDialect implements SqlDialect {
  /** Advisory lock key spaces (the first of the two keys): per task identifier, per migration. */
  private static final int TASK_LOCKS = 0x5261_0001;

  private static final int MIGRATION_LOCK = 0x5261_0002;

  /** Connection exceptions, and the server going away or refusing us for now. */
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("57P01", "57P02", "57P03", "53300", "53400");

  private final String schema;
  private final UnaryOperator<Instant> storeTime;

  /**
   * @param schema the store's schema, already checked to be a plain lower-case identifier
   * @param storeTime maps each server clock reading to the store time; the identity except in
   *     tests, which pin the store time to their own clock
   */
  PostgresDialect(String schema, UnaryOperator<Instant> storeTime) {
    this.schema = schema;
    this.storeTime = storeTime;
  }

  /** The LISTEN/NOTIFY channel the schema's trigger notifies when due work appears. */
  String dueWorkChannel() {
    return "railway." + schema;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String migrationFolder() {
    return "db/postgres";
  }

  @Override
  public List<String> migrations() {
    return List.of(
        "V1__init.sql", "V2__outbox_leases.sql", "V3__search_indexes.sql", "V4__trace_context.sql");
  }

  /**
   * A session advisory lock keyed by the schema keeps processes that open the store at once from
   * migrating it together (DDL on the same tables would fail or deadlock); the schema is created
   * under it.
   */
  @Override
  public MigrationLock lockForMigration(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
      s.setInt(1, MIGRATION_LOCK);
      s.setString(2, schema);
      s.execute();
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    }
    c.commit();
    return () -> {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
        s.setInt(1, MIGRATION_LOCK);
        s.setString(2, schema);
        s.execute();
      }
      c.commit();
    };
  }

  @Override
  public List<String> tables(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name
            """)) {
      s.setString(1, schema);
      try (ResultSet r = s.executeQuery()) {
        List<String> tables = new ArrayList<>();
        while (r.next()) {
          tables.add(r.getString(1));
        }
        return tables;
      }
    }
  }

  /** {@code clock_timestamp()}, not {@code now()}: the time of the call, not of the transaction. */
  @Override
  public Instant now(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT clock_timestamp()");
        ResultSet r = s.executeQuery()) {
      r.next();
      return storeTime.apply(r.getObject(1, OffsetDateTime.class).toInstant());
    }
  }

  /**
   * One statement: the inner select locks the earliest due rows no other claimer holds, skipping
   * those it would wait for, and the update leases them. Claimers running at once thus take
   * disjoint batches without waiting for each other.
   */
  @Override
  public String claimDue(String returning) {
    return """
    UPDATE tasks SET lease_owner = ?, lease_until_ns = ?
    WHERE seq IN (
      SELECT seq FROM tasks
      WHERE decided = 0 AND due_at_ns <= ? AND (lease_until_ns IS NULL OR lease_until_ns <= ?)
      ORDER BY due_at_ns, seq
      LIMIT ?
      FOR UPDATE SKIP LOCKED)
    RETURNING seq, %s
    """
        .formatted(returning);
  }

  /** As {@link #claimDue}: concurrent engines take disjoint entries without waiting. */
  @Override
  public String claimOutbox(String returning) {
    return """
    UPDATE outbox SET lease_owner = ?, lease_until_ns = ?
    WHERE id IN (
      SELECT id FROM outbox
      WHERE delivered_at_ns IS NULL AND parked_at_ns IS NULL AND due_at_ns <= ?
        AND (lease_until_ns IS NULL OR lease_until_ns <= ?)
      ORDER BY id
      LIMIT ?
      FOR UPDATE SKIP LOCKED)
    RETURNING %s
    """
        .formatted(returning);
  }

  /**
   * Transaction advisory locks on the identifiers' hashes, taken in hash order in one statement (a
   * hash shared by two identifiers only makes them wait for each other).
   */
  @Override
  public void lockTaskIds(Connection c, Collection<String> taskIds) throws SQLException {
    if (taskIds.isEmpty()) {
      return;
    }
    Array ids = c.createArrayOf("text", taskIds.toArray());
    try (PreparedStatement s =
        c.prepareStatement(
            """
            SELECT pg_advisory_xact_lock(?, h)
            FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest(?::text[]) AS id ORDER BY h) AS k
            ORDER BY h
            """)) {
      s.setInt(1, TASK_LOCKS);
      s.setArray(2, ids);
      s.execute();
    } finally {
      ids.free();
    }
  }

  @Override
  public SqlFailure classify(SQLException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
        return SqlFailure.UNAVAILABLE;
      }
      if (t instanceof SQLException e && e.getSQLState() != null) {
        String state = e.getSQLState();
        if (state.equals("40P01") || state.equals("40001")) {
          return SqlFailure.CONFLICT;
        }
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
          return SqlFailure.UNAVAILABLE;
        }
      }
    }
    return SqlFailure.OTHER;
  }
}
