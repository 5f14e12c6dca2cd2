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
final class DemoLedger implements AutoCloseable {
  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();

  DemoLedger(Path file) {
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS effects (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " system TEXT NOT NULL, key TEXT NOT NULL, detail TEXT NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS effects_key ON effects(system, key)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS orders (idempotency_key TEXT PRIMARY KEY, order_id TEXT)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS holds (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT"
                + " NOT NULL, status TEXT NOT NULL, available TEXT NOT NULL, missing TEXT NOT NULL,"
                + " expires_ms INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS invoices (id INTEGER PRIMARY KEY AUTOINCREMENT, reference"
                + " TEXT NOT NULL, amount TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS payments (idempotency_key TEXT PRIMARY KEY, payment_id TEXT"
                + " NOT NULL)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the demo ledger " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} alone on the ledger: the third parties' own consistency. */
  <T> T exclusive(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(db);
    } catch (SQLException e) {
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
    exclusive(db -> update(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", key, value));
  }

  /** Effects per key of one system, e.g. how many invoices each reference got. */
  Map<String, Integer> effectsPerKey(String system) {
    return exclusive(db -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      try (PreparedStatement p =
          db.prepareStatement("SELECT key, count(*) FROM effects WHERE system = ? GROUP BY key")) {
        p.setString(1, system);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            counts.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      return counts;
    });
  }

  /**
   * Stock holds still held (neither confirmed nor released) and not yet expired at {@code nowMs}.
   */
  List<String> liveHeldHolds(long nowMs) {
    return exclusive(db -> {
      List<String> held = new ArrayList<>();
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT task_id FROM holds WHERE status = 'HELD' AND expires_ms > ?")) {
        p.setLong(1, nowMs);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            held.add(rs.getString(1));
          }
        }
      }
      return held;
    });
  }

  /** Holds still held and live that were placed before {@code beforeMs} (by a killed process). */
  long holdsCreatedBefore(long beforeMs, java.time.Duration holdTtl, long nowMs) {
    return exclusive(db -> {
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT count(*) FROM holds WHERE status = 'HELD' AND expires_ms > ? AND expires_ms - ? < ?")) {
        p.setLong(1, nowMs);
        p.setLong(2, holdTtl.toMillis());
        p.setLong(3, beforeMs);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
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
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
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
