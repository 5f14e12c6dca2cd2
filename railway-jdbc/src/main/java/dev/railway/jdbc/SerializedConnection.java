package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection that callers take turns on, under a {@link ReentrantLock}: writes are serialized
 * (SQLite has a single writer anyway) and every read sees one committed state. A {@code
 * ReentrantLock}, not {@code synchronized}, so that virtual threads waiting for the store do not
 * pin their carrier threads.
 */
final class SerializedConnection implements ConnectionSource {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Duration wait;

  /**
   * @param connection outside auto-commit; owned and closed by this source
   */
  SerializedConnection(Connection connection, Duration wait) {
    this.connection = connection;
    this.wait = wait;
  }

  /** Fair and bounded: callers take turns in arrival order, and none waits forever. */
  @Override
  public Connection acquire() throws SQLException {
    try {
      if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLTransientConnectionException(
            "the store's connection was not free within " + wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted while waiting for the connection", e);
    }
    return connection;
  }

  @Override
  public int concurrency() {
    return 1;
  }

  @Override
  public void release(Connection c) {
    lock.unlock();
  }

  @Override
  public boolean reconnects() {
    return false;
  }

  @Override
  public void connectionLost() {
    // Nothing to replace it with.
  }

  @Override
  public void close() throws SQLException {
    lock.lock();
    try {
      connection.close();
    } finally {
      lock.unlock();
    }
  }
}
