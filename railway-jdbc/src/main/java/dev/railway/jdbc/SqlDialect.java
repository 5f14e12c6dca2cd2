package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
}
