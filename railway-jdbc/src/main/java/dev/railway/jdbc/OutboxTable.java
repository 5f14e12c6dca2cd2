package dev.railway.jdbc;

import dev.railway.store.OutboxEntry;
import dev.railway.store.SerializedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Outcomes waiting for delivery. Delivered entries are stamped, not deleted, for audit. */
final class OutboxTable {

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
    try (PreparedStatement s =
        c.prepareStatement(
            """
            SELECT id, event_id, instance_id, workflow, outcome_type, outcome_json FROM outbox
            WHERE delivered_at_ns IS NULL ORDER BY id LIMIT ?
            """)) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        List<OutboxEntry> entries = new ArrayList<>();
        while (r.next()) {
          entries.add(
              new OutboxEntry(
                  r.getLong("id"),
                  r.getString("event_id"),
                  r.getString("instance_id"),
                  r.getString("workflow"),
                  EventColumns.read(r, "outcome")));
        }
        return entries;
      }
    }
  }

  void markDelivered(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE outbox SET delivered_at_ns = ? WHERE id = ? AND delivered_at_ns IS NULL")) {
      EpochNanos.bind(s, 1, now);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }
}
