package dev.railway.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.railway.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The store for many processes on many machines: one PostgreSQL database (and schema) shared by
 * every worker. The schema is created and migrated when the store is opened; processes opening it
 * at the same time take turns.
 *
 * <p>What differs from {@link SqliteStore}: calls run concurrently on a pool of connections
 * (HikariCP), and the database keeps them apart (unique keys, row locks, {@code FOR UPDATE SKIP
 * LOCKED} claims); the store clock that times locks and leases is the server's, so every worker
 * agrees on it whatever its own clock says; idle workers are woken by {@code LISTEN/NOTIFY} when
 * due work appears ({@link #onDueWork}); and a lost connection is replaced: calls that fail before
 * committing are retried on a fresh connection, and what still fails throws {@link
 * StoreUnavailableException}.
 *
 * <p>Thread-safe.
 */
public final class PostgresStore extends JdbcStore {
  private final String url;
  private final PostgresOptions options;
  private final DueWorkListener listener;

  private PostgresStore(
      ConnectionSource connections,
      PostgresDialect dialect,
      String url,
      PostgresOptions options,
      DueWorkListener listener) {
    super(connections, dialect, redact(url) + " schema " + options.schema());
    this.url = url;
    this.options = options;
    this.listener = listener;
  }

  /** Opens the store at {@code jdbcUrl} with {@link PostgresOptions#defaults()}. */
  public static PostgresStore open(String jdbcUrl) {
    return open(jdbcUrl, PostgresOptions.defaults());
  }

  /**
   * Opens the store at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/database}, optionally
   * with {@code ?user=...&password=...}), creating its schema if missing and migrating it to this
   * version of Railway.
   *
   * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
   * @throws StoreUnavailableException when the server cannot be reached within the connection
   *     timeout
   * @throws IllegalStateException when the schema cannot be used: written by a newer Railway,
   *     holding tables that are not Railway's, or failing to migrate
   */
  public static PostgresStore open(String jdbcUrl, PostgresOptions options) {
    return open(jdbcUrl, options, UnaryOperator.identity());
  }

  /**
   * As {@link #open(String, PostgresOptions)}, with every reading of the server clock passed
   * through {@code storeTime}: the seam through which the contract suite pins the store time to its
   * own clock. Production code has no reason to use it.
   */
  static PostgresStore open(
      String jdbcUrl, PostgresOptions options, UnaryOperator<Instant> storeTime) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(storeTime, "storeTime");
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
              + (jdbcUrl == null ? null : "'" + redact(jdbcUrl) + "'"));
    }
    PostgresDialect dialect = new PostgresDialect(options.schema(), storeTime);
    HikariDataSource pool = pool(jdbcUrl, options);
    try {
      try (Connection c = pool.getConnection()) {
        new Migrations(dialect, redact(jdbcUrl) + " schema " + options.schema()).apply(c);
      }
      Properties listening = driverProperties(options, "railway-listen:" + options.schema());
      DueWorkListener listener = new DueWorkListener(jdbcUrl, listening, dialect.dueWorkChannel());
      return new PostgresStore(new PooledConnections(pool), dialect, jdbcUrl, options, listener);
    } catch (SQLException e) {
      pool.close();
      String message =
          "cannot open PostgreSQL store %s schema %s: %s"
              .formatted(redact(jdbcUrl), options.schema(), e.getMessage());
      if (dialect.classify(e) == SqlFailure.UNAVAILABLE) {
        throw new StoreUnavailableException(message, e);
      }
      throw new IllegalStateException(message, e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Opens the store on the application's own connection pool, in its own schema (created if missing
   * and migrated to this version of Railway), for applications that already have a {@link
   * DataSource} for PostgreSQL (a Spring Boot application, say).
   *
   * <p>Each store transaction borrows one connection, sets its {@code search_path} to {@link
   * PostgresOptions#schema()} and restores it (and auto-commit) before giving it back. At most
   * {@link PostgresOptions#poolSize()} connections are borrowed at once, so the application keeps
   * the rest; a borrow waits at most {@link PostgresOptions#connectionTimeout()} for that turn and
   * then the pool's own timeout. The store does not close the pool. No connection is held open to
   * listen for due work: engines on this store find new work by polling ({@link
   * dev.railway.engine.Engine.Builder#pollInterval}).
   *
   * @param options {@code user} and {@code password} must be null: the pool has its own
   * @throws IllegalArgumentException when options name a user or password, or the data source is
   *     not PostgreSQL
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws IllegalStateException when the schema cannot be used (see {@link #open(String,
   *     PostgresOptions)})
   */
  public static PostgresStore open(DataSource dataSource, PostgresOptions options) {
    return open(dataSource, options, UnaryOperator.identity());
  }

  /** As {@link #open(DataSource, PostgresOptions)}, with the contract suite's clock seam. */
  static PostgresStore open(
      DataSource dataSource, PostgresOptions options, UnaryOperator<Instant> storeTime) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    if (options.user() != null || options.password() != null) {
      throw new IllegalArgumentException(
          "a store on the application's DataSource uses its credentials; options name user '"
              + options.user()
              + "'");
    }
    PostgresDialect dialect = new PostgresDialect(options.schema(), storeTime);
    String url;
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      url = c.getMetaData().getURL();
      if (!"PostgreSQL".equals(product)) {
        throw new IllegalArgumentException(
            "the DataSource is " + product + ", not PostgreSQL (" + url + ")");
      }
    } catch (SQLException e) {
      throw unusable(dialect, e, "DataSource", options);
    }
    BorrowedConnections connections =
        new BorrowedConnections(
            dataSource, options.schema(), options.poolSize(), options.connectionTimeout());
    try {
      Connection c = connections.acquire();
      try {
        new Migrations(dialect, redact(url) + " schema " + options.schema()).apply(c);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw unusable(dialect, e, url, options);
    }
    return new PostgresStore(connections, dialect, url, options);
  }

  private static RuntimeException unusable(
      PostgresDialect dialect, SQLException e, String url, PostgresOptions options) {
    String message =
        "cannot open PostgreSQL store %s schema %s: %s"
            .formatted(redact(url), options.schema(), e.getMessage());
    if (dialect.classify(e) == SqlFailure.UNAVAILABLE) {
      return new StoreUnavailableException(message, e);
    }
    return new IllegalStateException(message, e);
  }

  private PostgresStore(
      ConnectionSource connections, PostgresDialect dialect, String url, PostgresOptions options) {
    super(connections, dialect, redact(url) + " schema " + options.schema());
    this.url = url;
    this.options = options;
    this.listener = null;
  }

  /** The longest a store statement may wait for the server before its connection counts as lost. */
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

  private static HikariDataSource pool(String url, PostgresOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(options.user());
    config.setPassword(options.password());
    config.setMaximumPoolSize(options.poolSize());
    // Idle connections cost the server a backend each: keep a couple, open more under load.
    config.setMinimumIdle(Math.min(2, options.poolSize()));
    config.setAutoCommit(false);
    config.setSchema(options.schema());
    config.setConnectionTimeout(options.connectionTimeout().toMillis());
    config.setInitializationFailTimeout(options.connectionTimeout().toMillis());
    config.setPoolName("railway-" + options.schema());
    // Names the store's backends in pg_stat_activity, per schema.
    config.addDataSourceProperty("ApplicationName", "railway:" + options.schema());
    // Every wait bounded: without these, a read on a connection whose server side vanished without
    // closing it (seen while backends were terminated) blocks its thread, and the connection, for
    // ever. No statement of the store runs anywhere near this long; one that does is treated like a
    // lost connection.
    long connect = Math.max(1, options.connectionTimeout().toSeconds());
    config.addDataSourceProperty("connectTimeout", connect);
    config.addDataSourceProperty("loginTimeout", connect);
    config.addDataSourceProperty("socketTimeout", STATEMENT_TIMEOUT.toSeconds());
    config.addDataSourceProperty("tcpKeepAlive", true);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreUnavailableException(
          "cannot open PostgreSQL store %s schema %s: %s"
              .formatted(redact(url), options.schema(), cause.getMessage()),
          e);
    }
  }

  private static Properties driverProperties(PostgresOptions options, String applicationName) {
    Properties p = new Properties();
    if (options.user() != null) {
      p.setProperty("user", options.user());
    }
    if (options.password() != null) {
      p.setProperty("password", options.password());
    }
    p.setProperty("ApplicationName", applicationName);
    String connect = Long.toString(Math.max(1, options.connectionTimeout().toSeconds()));
    p.setProperty("connectTimeout", connect);
    p.setProperty("loginTimeout", connect);
    p.setProperty("tcpKeepAlive", "true");
    return p;
  }

  /** The URL without its password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The schema holding the store's tables. */
  public String schema() {
    return options.schema();
  }

  /** The schema version this code creates and expects. */
  public static int schemaVersion() {
    return new PostgresDialect(PostgresOptions.DEFAULT_SCHEMA, UnaryOperator.identity())
        .migrations()
        .size();
  }

  /**
   * Wakes {@code wake} on every {@code NOTIFY} of new due work in this store's schema, from any
   * process: the database notifies in the transaction that enters a task or changes its due time.
   * The first subscription opens one listening connection (outside the pool), which reconnects by
   * itself when it drops.
   */
  @Override
  public Subscription onDueWork(Runnable wake) {
    Objects.requireNonNull(wake, "wake");
    return listener == null ? () -> {} : listener.subscribe(wake);
  }

  /** A call waits at most the pool's connection timeout for a working connection. */
  @Override
  public java.time.Duration longestWait() {
    return options.connectionTimeout();
  }

  /** How many times the due-work listener has connected; diagnostics. */
  long listenerConnections() {
    return listener == null ? 0 : listener.connections();
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    super.close();
  }

  @Override
  public String toString() {
    return "PostgresStore[" + redact(url) + " schema " + options.schema() + "]";
  }
}
