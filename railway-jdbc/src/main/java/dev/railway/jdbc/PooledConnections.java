package dev.railway.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HikariCP pool: each transaction borrows its own connection, so calls run concurrently and the
 * database's locks and constraints keep them apart. A connection the server dropped is evicted by
 * the pool on its first failure, and the next borrow opens a fresh one.
 */
final class PooledConnections implements ConnectionSource {
  private static final Logger log = LoggerFactory.getLogger(PooledConnections.class);

  private final HikariDataSource pool;
  private final Semaphore permits;
  private final int size;
  private final Duration wait;

  /**
   * @param pool configured with auto-commit off; owned and closed by this source
   */
  PooledConnections(HikariDataSource pool) {
    this.pool = pool;
    this.size = pool.getMaximumPoolSize();
    this.permits = new Semaphore(size, true);
    this.wait = Duration.ofMillis(pool.getConnectionTimeout());
  }

  /**
   * Callers first take one of as many permits as the pool has connections, in arrival order, so the
   * pool itself never has a crowd of waiters: under thousands of virtual threads, HikariCP's
   * hand-off to waiters spins (yields) on the returning thread for as long as anyone waits, which
   * starved the carrier threads. Waiting on a fair semaphore parks instead. Each of the two waits
   * is bounded by the pool's connection timeout.
   */
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
    try {
      // Waits only while connections are being opened (after a restart, say), for the same bound.
      return pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  @Override
  public int concurrency() {
    return size;
  }

  @Override
  public void release(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Returning a connection to the pool only fails for one that is already broken; the pool
      // has evicted it.
      log.debug("returning a connection to the pool failed: {}", e.toString());
    } finally {
      permits.release();
    }
  }

  @Override
  public boolean reconnects() {
    return true;
  }

  /** Idle connections are closed now; those in use are closed when they come back. */
  @Override
  public void connectionLost() {
    var bean = pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
