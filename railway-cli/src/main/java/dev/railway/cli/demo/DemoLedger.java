package dev.railway.cli.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated third parties' own records, in a SQLite file of their own beside the engine's: what
 * they hold (orders, stock holds, invoices, payments) and every effect they performed. It survives
 * a {@code kill -9}, so the invariants are checked against what the third parties did, not against
 * what the engine believes.
 */
public final class DemoLedger implements AutoCloseable {
  private final String url;
  private final String schema;
  private Connection db;
  private final ReentrantLock lock = new ReentrantLock();

  /** The ledger in its own SQLite file, for a demo in one process. */
  DemoLedger(Path file) {
    this("jdbc:sqlite:" + file.toAbsolutePath(), null);
  }

  /**
   * The ledger at a JDBC URL. On PostgreSQL its tables live in {@code schema} (created if missing),
   * beside the engine's store, so every worker process of the demo shares it.
   */
  public DemoLedger(String url, String schema) {
    this.url = url;
    this.schema = schema;
    try {
      db = connectRacing();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the demo ledger " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Workers start together and all create the tables: PostgreSQL's CREATE ... IF NOT EXISTS can
   * still lose such a race (a unique violation in its catalog), and then the tables exist.
   */
  private Connection connectRacing() throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return connect();
      } catch (SQLException e) {
        boolean lostRace = "23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState());
        if (!lostRace || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    String serial = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      if (sqlite) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
      } else {
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
          throw new IllegalArgumentException("not a schema name: '" + schema + "'");
        }
        createSchema(s, schema);
        s.execute("SET search_path TO " + schema);
      }
      s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS effects (id "
              + serial
              + ", system TEXT NOT NULL, key TEXT NOT NULL, detail TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS effects_key ON effects(system, key)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS orders (idempotency_key TEXT PRIMARY KEY, order_id TEXT)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS holds (id "
              + serial
              + ", task_id TEXT NOT NULL, status TEXT NOT NULL, available TEXT NOT NULL,"
              + " missing TEXT NOT NULL, expires_ms BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS invoices (id "
              + serial
              + ", reference TEXT NOT NULL, amount TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS payments (idempotency_key TEXT PRIMARY KEY, payment_id TEXT"
              + " NOT NULL)");
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    // Each operation is one transaction (see exclusive): a worker killed mid-operation leaves all
    // of it or none of it, and concurrent workers never see half an effect.
    c.setAutoCommit(false);
    return c;
  }

  /** Workers start together: a lost race on CREATE SCHEMA IF NOT EXISTS is not an error. */
  private static void createSchema(Statement s, String schema) throws SQLException {
    try {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** Runs {@code work} alone on the ledger: the third parties' own consistency. */
  <T> T exclusive(SqlWork<T> work) {
    lock.lock();
    try {
      if (db.isClosed()) {
        // An attempt that timed out was interrupted inside a ledger call, and an interrupted
        // virtual thread closes its socket: the third party is back on the next call.
        db = connectRacing();
      }
      T result = work.run(db);
      db.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        db.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("demo ledger: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection db) throws SQLException;
  }

  void effect(String system, String key, String detail) {
    exclusive(db ->
        update(db, "INSERT INTO effects(system, key, detail) VALUES (?,?,?)", system, key, detail));
  }

  Optional<String> meta(String key) {
    return exclusive(db -> first(db, "SELECT value FROM meta WHERE key = ?", key));
  }

  void putMeta(String key, String value) {
    exclusive(db ->
        update(
            db,
            "INSERT INTO meta(key, value) VALUES (?,?) ON CONFLICT (key) DO UPDATE SET value ="
                + " excluded.value",
            key,
            value));
  }

  /** Effects per key of one system, e.g. how many invoices each reference got. */
  Map<String, Integer> effectsPerKey(String system) {
    return exclusive(db -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      query(
          db,
          "SELECT key, count(*) FROM effects WHERE system = ? GROUP BY key",
          rs -> counts.put(rs.getString(1), rs.getInt(2)),
          system);
      return counts;
    });
  }

  /**
   * Tasks of holds still held and live at {@code nowMs} that the engine could have released: a hold
   * whose placement answer was lost, or whose release was refused, is left to the stock API's own
   * expiry, as the OptimisticLock contract allows; any other live hold of a decided task is a loser
   * nobody undid.
   */
  List<String> liveHeldHolds(long nowMs) {
    return exclusive(db ->
        query(
            db,
            "SELECT task_id FROM holds WHERE status = 'HELD' AND expires_ms > ?"
                + " AND CAST(id AS TEXT) NOT IN (SELECT key FROM effects WHERE system = ?)",
            rs -> rs.getString(1),
            nowMs,
            SimulatedThirdParties.LEFT_TO_EXPIRE));
  }

  /** Holds still held and live that were placed before {@code beforeMs} (by a killed process). */
  long holdsCreatedBefore(long beforeMs, java.time.Duration holdTtl, long nowMs) {
    return exclusive(db ->
        query(
                db,
                "SELECT count(*) FROM holds WHERE status = 'HELD' AND expires_ms > ?"
                    + " AND expires_ms - ? < ?",
                rs -> rs.getLong(1),
                nowMs,
                holdTtl.toMillis(),
                beforeMs)
            .get(0));
  }

  /** Maps one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Every row of {@code sql} with {@code args}, mapped by {@code row}, in order. */
  static <T> List<T> query(Connection db, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(row.map(rs));
        }
      }
      return rows;
    }
  }

  static int update(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
    }
  }

  static Optional<String> first(Connection db, String sql, Object... args) throws SQLException {
    return query(db, sql, rs -> Optional.ofNullable(rs.getString(1)), args).stream()
        .findFirst()
        .flatMap(value -> value);
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Closing at exit: nothing left to protect.
    }
  }
}
