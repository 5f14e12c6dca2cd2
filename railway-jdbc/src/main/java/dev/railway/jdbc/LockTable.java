package dev.railway.jdbc;

import dev.railway.store.Lock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The central lock store. The sequence comes from the table's autoincrement key, never from Java.
 */
final class LockTable {

  Lock write(Connection c, String taskId, String owner, Duration ttl, Instant now)
      throws SQLException {
    Instant expiresAt = now.plus(ttl);
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO locks (task_id, owner, created_at_ns, expires_at_ns) VALUES (?, ?, ?, ?)
            RETURNING sequence
            """)) {
      s.setString(1, taskId);
      s.setString(2, owner);
      EpochNanos.bind(s, 3, now);
      EpochNanos.bind(s, 4, expiresAt);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Lock(r.getLong(1), taskId, owner, now, expiresAt, false, false, false);
      }
    }
  }

  List<Lock> ofTask(Connection c, String taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            SELECT sequence, task_id, owner, created_at_ns, expires_at_ns, faulted, finished,
                   resolved
            FROM locks WHERE task_id = ? ORDER BY sequence
            """)) {
      s.setString(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        List<Lock> locks = new ArrayList<>();
        while (r.next()) {
          locks.add(
              new Lock(
                  r.getLong("sequence"),
                  r.getString("task_id"),
                  r.getString("owner"),
                  EpochNanos.read(r, "created_at_ns"),
                  EpochNanos.read(r, "expires_at_ns"),
                  r.getInt("faulted") == 1,
                  r.getInt("finished") == 1,
                  r.getInt("resolved") == 1));
        }
        return locks;
      }
    }
  }

  void markFaulted(Connection c, long sequence) throws SQLException {
    requireOne(c, "UPDATE locks SET faulted = 1 WHERE sequence = ?", sequence);
  }

  void markFinished(Connection c, long sequence) throws SQLException {
    requireOne(c, "UPDATE locks SET finished = 1 WHERE sequence = ?", sequence);
  }

  /** Compare-and-set: true only for the call that flips the flag. */
  boolean markResolved(Connection c, long sequence) throws SQLException {
    return update(c, "UPDATE locks SET resolved = 1 WHERE sequence = ? AND resolved = 0", sequence)
        == 1;
  }

  private static void requireOne(Connection c, String sql, long sequence) throws SQLException {
    if (update(c, sql, sequence) == 0) {
      throw new IllegalArgumentException("no lock with sequence " + sequence);
    }
  }

  private static int update(Connection c, String sql, long sequence) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, sequence);
      return s.executeUpdate();
    }
  }
}
