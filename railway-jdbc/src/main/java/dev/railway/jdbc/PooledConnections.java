package dev.railway.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
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

  /**
   * @param pool configured with auto-commit off; owned and closed by this source
   */
  PooledConnections(HikariDataSource pool) {
    this.pool = pool;
  }

  @Override
  public Connection acquire() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void release(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Returning a connection to the pool only fails for one that is already broken; the pool
      // has evicted it.
      log.debug("returning a connection to the pool failed: {}", e.toString());
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
