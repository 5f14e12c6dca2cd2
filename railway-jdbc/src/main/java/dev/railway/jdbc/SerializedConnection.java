package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection that callers take turns on, under a {@link ReentrantLock}: writes are serialized
 * (SQLite has a single writer anyway) and every read sees one committed state. A {@code
 * ReentrantLock}, not {@code synchronized}, so that virtual threads waiting for the store do not
 * pin their carrier threads.
 */
final class SerializedConnection implements ConnectionSource {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param connection outside auto-commit; owned and closed by this source
   */
  SerializedConnection(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection acquire() {
    lock.lock();
    return connection;
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
