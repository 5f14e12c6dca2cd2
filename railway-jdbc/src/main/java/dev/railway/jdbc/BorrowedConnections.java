package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections borrowed from the application's own pool (a {@link DataSource} the store does not
 * own): each transaction borrows one, points its {@code search_path} at the store's schema, and
 * gives it back as it found it (search path and auto-commit restored), so the application's own
 * statements on the next borrower never land in the store's schema.
 *
 * <p>At most {@code permits} transactions hold one of the application's connections at once, so
 * that a busy engine cannot starve the application of its own pool.
 */
final class BorrowedConnections implements ConnectionSource {
  private static final Logger log = LoggerFactory.getLogger(BorrowedConnections.class);

  private final DataSource dataSource;
  private final String searchPath;
  private final Semaphore permits;
  private final int size;
  private final Duration wait;
  private final Map<Connection, Boolean> autoCommit = new ConcurrentHashMap<>();
  private final Map<Connection, String> previousPath = new ConcurrentHashMap<>();

  /**
   * @param schema the store's schema, already checked to be a plain lower-case identifier
   */
  BorrowedConnections(DataSource dataSource, String schema, int permits, Duration wait) {
    this.dataSource = dataSource;
    this.searchPath = "\"" + schema + "\"";
    this.size = permits;
    this.permits = new Semaphore(permits, true);
    this.wait = wait;
  }

  @Override
  public Connection acquire() throws SQLException {
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLTransientConnectionException(
            "no store connection free within %s (%d in use, %d callers waiting)"
                .formatted(wait, size - permits.availablePermits(), permits.getQueueLength()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted while waiting for a connection", e);
    }
    Connection c = null;
    try {
      c = dataSource.getConnection();
      boolean wasAutoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      String previous;
      try (PreparedStatement s = c.prepareStatement("SELECT current_setting('search_path')");
          ResultSet r = s.executeQuery()) {
        r.next();
        previous = r.getString(1);
      }
      setSearchPath(c, searchPath);
      c.commit();
      autoCommit.put(c, wasAutoCommit);
      previousPath.put(c, previous);
      return c;
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        discard(c);
      }
      permits.release();
      throw e;
    }
  }

  private static void setSearchPath(Connection c, String path) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      s.setString(1, path);
      s.execute();
    }
  }

  @Override
  public int concurrency() {
    return size;
  }

  @Override
  public void release(Connection c) {
    try {
      Boolean wasAutoCommit = autoCommit.remove(c);
      String previous = previousPath.remove(c);
      if (previous != null) {
        setSearchPath(c, previous);
        c.commit();
      }
      if (wasAutoCommit != null) {
        c.setAutoCommit(wasAutoCommit);
      }
      c.close();
    } catch (SQLException | RuntimeException e) {
      // A connection whose settings could not be restored must not go back to the application.
      log.debug("restoring a borrowed connection failed; discarding it: {}", e.toString());
      discard(c);
    } finally {
      permits.release();
    }
  }

  /** Aborts the physical connection, so the pool evicts it instead of lending it out again. */
  private static void discard(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      log.debug("aborting a borrowed connection failed: {}", e.toString());
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      log.debug("closing an aborted connection failed: {}", e.toString());
    }
  }

  @Override
  public boolean reconnects() {
    return true;
  }

  /** The application's pool evicts broken connections itself; nothing of ours to discard. */
  @Override
  public void connectionLost() {}

  /** The pool is the application's: it closes it. */
  @Override
  public void close() {}
}
