package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What differs between databases; everything else is the shared SQL of the table classes. One
 * implementation per database, so the store core never branches on which database it talks to.
 */
interface SqlDialect {

  /** A short name for messages, e.g. {@code SQLite}. */
  String name();

  /**
   * Classpath folder of this database's migration scripts, e.g. {@code db/sqlite}; each script
   * holds statements ending with {@code ;} at the end of a line.
   */
  String migrationFolder();

  /** Migration script names in order: {@code V1__init.sql}, {@code V2__...}, ... */
  List<String> migrations();

  /**
   * Keeps other processes from migrating the same database at the same time, and prepares what must
   * exist before the first script runs (e.g. the schema). Expects a connection outside auto-commit;
   * what it leaves open is committed.
   *
   * @return releases the exclusion once every script is applied
   */
  MigrationLock lockForMigration(Connection connection) throws SQLException;

  /** The names (lower case) of the tables in the store's own namespace. */
  List<String> tables(Connection connection) throws SQLException;

  /** The store clock, read inside the current transaction. */
  Instant now(Connection connection) throws SQLException;

  /**
   * Leases due tasks. Parameters, in order: lease owner, lease end (epoch nanos), now (epoch
   * nanos), now again, limit. Returns {@code seq} and {@code returning}'s columns of the leased
   * rows, in any order.
   *
   * @param returning the task columns to return
   */
  String claimDue(String returning);

  /**
   * Leases claimable outbox entries (undelivered, not parked, due, lease free), oldest first.
   * Parameters, in order: lease owner, lease end (epoch nanos), now (epoch nanos), now again,
   * limit. Returns {@code returning}'s columns of the leased rows, in any order.
   */
  String claimOutbox(String returning);

  /**
   * Holds, until the transaction ends, a lock on each task identifier, taken in one global order.
   * Called first in a group commit (with every identifier the batch decides or enters), so that two
   * batches deciding the same tasks in different orders wait for each other instead of deadlocking;
   * and before writing a lock, so that lock writes for one task commit in sequence order. Where
   * writers are serialized anyway, there is nothing to do.
   */
  void lockTaskIds(Connection connection, Collection<String> taskIds) throws SQLException;

  /** What a failure means for its transaction. */
  SqlFailure classify(SQLException failure);

  /** Releases a {@link #lockForMigration} exclusion. */
  @FunctionalInterface
  interface MigrationLock {
    void release() throws SQLException;
  }
}
