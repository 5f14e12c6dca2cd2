package dev.railway.cli.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bench's third parties with their ledger in a database (tables {@code sim_*}), so that worker
 * processes sharing one PostgreSQL database share one set of third parties, and the ledger survives
 * a killed worker. Each operation is one atomic statement, so concurrent workers never see a
 * half-done effect.
 */
public final class JdbcThirdParties implements ThirdParties, AutoCloseable {
  private final HikariDataSource pool;
  private final Semaphore permits;
  private final String prefix;
  private final Clock clock;
  private final Duration holdTtl;

  /**
   * Opens (creating its tables if needed) the ledger at {@code url}.
   *
   * @param url a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL
   * @param schema PostgreSQL: the schema of the tables (created if missing); null for none
   */
  public JdbcThirdParties(String url, String schema, Clock clock, Duration holdTtl) {
    if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a schema name: '" + schema + "'");
    }
    this.prefix = schema == null ? "" : schema + ".";
    this.clock = clock;
    this.holdTtl = holdTtl;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(url.startsWith("jdbc:sqlite:") ? 1 : 8);
    config.setPoolName("railway-sim-ledger");
    this.pool = new HikariDataSource(config);
    this.permits = new Semaphore(pool.getMaximumPoolSize(), true);
    try {
      createTables(
          url.startsWith("jdbc:sqlite:")
              ? "INTEGER PRIMARY KEY AUTOINCREMENT"
              : "BIGSERIAL PRIMARY KEY");
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException(
          "cannot create the simulated third parties' ledger at " + url + ": " + e.getMessage(), e);
    }
  }

  private void createTables(String serial) throws SQLException {
    String[] ddl = {
      prefix.isEmpty() ? "SELECT 1" : "CREATE SCHEMA IF NOT EXISTS " + prefix.replace(".", ""),
      "CREATE TABLE IF NOT EXISTS "
          + prefix
          + "sim_charges (charge_key TEXT PRIMARY KEY, at_ms BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS "
          + prefix
          + "sim_holds (id "
          + serial
          + ", task_id TEXT NOT NULL, status TEXT NOT NULL, expires_ms BIGINT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS sim_holds_task ON " + prefix + "sim_holds(task_id)",
      "CREATE TABLE IF NOT EXISTS "
          + prefix
          + "sim_invoices (id "
          + serial
          + ", reference TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS sim_invoices_reference ON " + prefix + "sim_invoices(reference)",
      "CREATE TABLE IF NOT EXISTS "
          + prefix
          + "sim_shipments (id "
          + serial
          + ", order_id TEXT NOT NULL)"
    };
    // Several workers may start at once: a lost race on CREATE ... IF NOT EXISTS is retried.
    for (int attempt = 1; ; attempt++) {
      try (Borrowed b = borrow();
          Statement s = b.c.createStatement()) {
        for (String sql : ddl) {
          s.execute(sql);
        }
        return;
      } catch (SQLException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  @Override
  public String charge(String key) throws SQLException {
    update(
        "INSERT INTO "
            + prefix
            + "sim_charges(charge_key, at_ms) VALUES (?, ?) ON CONFLICT DO NOTHING",
        key,
        clock.millis());
    return "ch-" + key;
  }

  @Override
  public String hold(String taskId) throws SQLException {
    return one(
            "INSERT INTO "
                + prefix
                + "sim_holds(task_id, status, expires_ms) VALUES (?, 'HELD', ?) RETURNING id",
            taskId,
            clock.millis() + holdTtl.toMillis())
        .orElseThrow();
  }

  @Override
  public List<String> liveHolds(String taskId) throws SQLException {
    return list(
        "SELECT id FROM "
            + prefix
            + "sim_holds WHERE task_id = ? AND status = 'HELD' AND expires_ms > ?"
            + " ORDER BY id",
        taskId,
        clock.millis());
  }

  @Override
  public Optional<String> confirmed(String taskId) throws SQLException {
    return one(
        "SELECT id FROM "
            + prefix
            + "sim_holds WHERE task_id = ? AND status = 'CONFIRMED' ORDER BY id",
        taskId);
  }

  @Override
  public String confirm(String taskId, String hold) throws SQLException {
    int changed =
        update(
            "UPDATE "
                + prefix
                + "sim_holds SET status = 'CONFIRMED' WHERE id = ? AND status = 'HELD'"
                + " AND expires_ms > ?",
            Long.parseLong(hold),
            clock.millis());
    if (changed == 0) {
      throw new IllegalStateException("hold " + hold + " of " + taskId + " is no longer held");
    }
    return hold;
  }

  @Override
  public void release(String hold) throws SQLException {
    update(
        "UPDATE " + prefix + "sim_holds SET status = 'RELEASED' WHERE id = ? AND status = 'HELD'",
        Long.parseLong(hold));
  }

  @Override
  public String invoice(String reference) throws SQLException {
    return one(
            "INSERT INTO " + prefix + "sim_invoices(reference) VALUES (?) RETURNING id", reference)
        .orElseThrow();
  }

  @Override
  public Optional<String> findInvoice(String reference) throws SQLException {
    return one(
        "SELECT id FROM " + prefix + "sim_invoices WHERE reference = ? ORDER BY id", reference);
  }

  @Override
  public String ship(String orderId) throws SQLException {
    return one("INSERT INTO " + prefix + "sim_shipments(order_id) VALUES (?) RETURNING id", orderId)
        .orElseThrow();
  }

  @Override
  public LedgerCounts counts() {
    try {
      return new LedgerCounts(
          perKey("SELECT charge_key, count(*) FROM " + prefix + "sim_charges GROUP BY charge_key"),
          perKey(
              "SELECT task_id, count(*) FROM "
                  + prefix
                  + "sim_holds WHERE status = 'CONFIRMED' GROUP BY task_id"),
          Long.parseLong(
              one(
                      "SELECT count(*) FROM "
                          + prefix
                          + "sim_holds WHERE status = 'HELD' AND expires_ms > ?",
                      clock.millis())
                  .orElse("0")),
          perKey("SELECT reference, count(*) FROM " + prefix + "sim_invoices GROUP BY reference"),
          perKey("SELECT order_id, count(*) FROM " + prefix + "sim_shipments GROUP BY order_id"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the simulated ledger: " + e.getMessage(), e);
    }
  }

  private Map<String, Integer> perKey(String sql) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Borrowed b = borrow();
        PreparedStatement p = b.c.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        counts.put(r.getString(1), r.getInt(2));
      }
    }
    return counts;
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Borrowed b = borrow();
        PreparedStatement p = prepare(b.c, sql, args)) {
      return p.executeUpdate();
    }
  }

  private Optional<String> one(String sql, Object... args) throws SQLException {
    List<String> rows = list(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<String> list(String sql, Object... args) throws SQLException {
    try (Borrowed b = borrow();
        PreparedStatement p = prepare(b.c, sql, args);
        ResultSet r = p.executeQuery()) {
      List<String> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(r.getString(1));
      }
      return rows;
    }
  }

  /**
   * A connection taken after one of as many fair permits as the pool has connections, so the pool
   * never has a crowd of waiters: when it does, HikariCP's hand-off to waiters spins (yields) on
   * the returning virtual thread, which starved both carrier threads of a 2-core worker and froze
   * every attempt (the store's own pool is guarded the same way).
   */
  private Borrowed borrow() throws SQLException {
    try {
      if (!permits.tryAcquire(pool.getConnectionTimeout(), TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(
            "no ledger connection free within " + pool.getConnectionTimeout() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted waiting for a ledger connection", e);
    }
    try {
      return new Borrowed(pool.getConnection(), permits);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private record Borrowed(Connection c, Semaphore permits) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      try {
        c.close();
      } finally {
        permits.release();
      }
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement p = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
    return p;
  }

  @Override
  public void close() {
    pool.close();
  }
}
