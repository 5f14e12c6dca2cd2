package dev.railway.jdbc;

import dev.railway.store.OutboxEntry;
import dev.railway.store.SerializedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Outcomes waiting for delivery. Delivered entries are stamped, not deleted, for audit. Entries are
 * leased to the engine delivering them; a failed delivery counts and delays the entry, and a parked
 * one waits for an operator.
 */
final class OutboxTable {
  private static final String COLUMNS =
      "id, event_id, instance_id, workflow, outcome_type, outcome_json, failures, last_error";

  /** An error text is kept to this length: enough to name the cause, never a whole stack. */
  private static final int ERROR_LENGTH = 2000;

  private final String claim;

  OutboxTable(SqlDialect dialect) {
    this.claim = dialect.claimOutbox(COLUMNS);
  }

  /** The outcome event's id: derived from the instance alone, so it is the same on redelivery. */
  static String outcomeEventId(String instanceId) {
    return instanceId + "/outcome";
  }

  void add(Connection c, String instanceId, String workflow, SerializedEvent outcome)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO outbox (event_id, instance_id, workflow, outcome_type, outcome_json)
            VALUES (?, ?, ?, ?, ?)
            """)) {
      s.setString(1, outcomeEventId(instanceId));
      s.setString(2, instanceId);
      s.setString(3, workflow);
      EventColumns.bind(s, 4, outcome);
      s.executeUpdate();
    }
  }

  List<OutboxEntry> undelivered(Connection c, int limit) throws SQLException {
    return select(c, "delivered_at_ns IS NULL", limit);
  }

  List<OutboxEntry> parked(Connection c, int limit) throws SQLException {
    return select(c, "delivered_at_ns IS NULL AND parked_at_ns IS NOT NULL", limit);
  }

  private List<OutboxEntry> select(Connection c, String where, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM outbox WHERE " + where + " ORDER BY id LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        return read(r);
      }
    }
  }

  List<OutboxEntry> claim(Connection c, String owner, int limit, Duration lease, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(claim)) {
      s.setString(1, owner);
      EpochNanos.bind(s, 2, now.plus(lease));
      EpochNanos.bind(s, 3, now);
      EpochNanos.bind(s, 4, now);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        List<OutboxEntry> entries = new ArrayList<>(read(r));
        // RETURNING promises no order; the contract is oldest first.
        entries.sort(Comparator.comparingLong(OutboxEntry::id));
        return entries;
      }
    }
  }

  private static List<OutboxEntry> read(ResultSet r) throws SQLException {
    List<OutboxEntry> entries = new ArrayList<>();
    while (r.next()) {
      entries.add(
          new OutboxEntry(
              r.getLong("id"),
              r.getString("event_id"),
              r.getString("instance_id"),
              r.getString("workflow"),
              EventColumns.read(r, "outcome"),
              r.getInt("failures"),
              r.getString("last_error")));
    }
    return entries;
  }

  void markDelivered(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE outbox SET delivered_at_ns = ?, lease_owner = NULL, lease_until_ns = NULL
            WHERE id = ? AND delivered_at_ns IS NULL
            """)) {
      EpochNanos.bind(s, 1, now);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /** A failed delivery: counted, lease released, due again at {@code dueAt}. */
  void retry(Connection c, long id, Instant dueAt, String error) throws SQLException {
    fail(c, id, "due_at_ns", dueAt, error);
  }

  /** A delivery that failed too often: counted, lease released, never due again until unparked. */
  void park(Connection c, long id, Instant now, String error) throws SQLException {
    fail(c, id, "parked_at_ns", now, error);
  }

  // The column is one of two constants above, never input.
  private static void fail(Connection c, long id, String column, Instant at, String error)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE outbox SET failures = failures + 1, last_error = ?, "
                + column
                + " = ?, lease_owner = NULL, lease_until_ns = NULL"
                + " WHERE id = ? AND delivered_at_ns IS NULL AND parked_at_ns IS NULL")) {
      s.setString(1, truncate(error));
      EpochNanos.bind(s, 2, at);
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  boolean unpark(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE outbox SET failures = 0, parked_at_ns = NULL, due_at_ns = ?
            WHERE id = ? AND delivered_at_ns IS NULL AND parked_at_ns IS NOT NULL
            """)) {
      EpochNanos.bind(s, 1, now);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  private static String truncate(String error) {
    if (error == null || error.length() <= ERROR_LENGTH) {
      return error;
    }
    return error.substring(0, ERROR_LENGTH);
  }
}
