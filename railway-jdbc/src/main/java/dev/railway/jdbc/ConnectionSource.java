package dev.railway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link JdbcStore} gets the connection for one transaction. The strategy that differs
 * between an embedded file (one connection, callers take turns) and a server (a pool, callers run
 * at once and the database keeps them apart).
 */
interface ConnectionSource extends AutoCloseable {

  /** A connection outside auto-commit, for one transaction; give it back with {@link #release}. */
  Connection acquire() throws SQLException;

  /** How many transactions can hold a connection at once. */
  int concurrency();

  /** Gives back what {@link #acquire} returned, whatever happened to the transaction. */
  void release(Connection connection);

  /**
   * Whether asking again after a lost connection can give a working one. A pool can reconnect; a
   * single embedded connection cannot, so retrying it would only repeat the failure.
   */
  boolean reconnects();

  /**
   * Says that a connection from this source was found broken. When the server drops one connection
   * (a restart, a failover, an operator terminating backends) it has usually dropped the idle
   * others too: a pool discards them now, rather than handing them out one failure at a time.
   */
  void connectionLost();

  @Override
  void close() throws SQLException;
}
