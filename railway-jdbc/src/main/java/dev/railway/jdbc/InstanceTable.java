package dev.railway.jdbc;

import dev.railway.store.InstanceRecord;
import dev.railway.store.NewInstance;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StreamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instances, trigger deduplication and the event streams. {@code instances.version} is the head of
 * the stream: every append moves it with a compare-and-set, so an append never needs to read the
 * stream.
 */
final class InstanceTable {
  private static final String COLUMNS =
      "instance_id, workflow, status, trigger_type, trigger_json, outcome_type, outcome_json";

  /** Inserts the instance unless its id or its (workflow, trigger event id) is taken. */
  boolean insert(Connection c, NewInstance n) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO instances
              (instance_id, workflow, trigger_event_id, status, trigger_type, trigger_json, version)
            VALUES (?, ?, ?, 'RUNNING', ?, ?, 0)
            ON CONFLICT DO NOTHING
            """)) {
      s.setString(1, n.instanceId());
      s.setString(2, n.workflow());
      s.setString(3, n.triggerEventId());
      EventColumns.bind(s, 4, n.trigger());
      return s.executeUpdate() == 1;
    }
  }

  /** The instance started by this trigger, if any. */
  Optional<String> byTrigger(Connection c, String workflow, String triggerEventId)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT instance_id FROM instances WHERE workflow = ? AND trigger_event_id = ?")) {
      s.setString(1, workflow);
      s.setString(2, triggerEventId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  boolean exists(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM instances WHERE instance_id = ?")) {
      s.setString(1, instanceId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  void finish(Connection c, String instanceId, SerializedEvent outcome) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE instances SET status = 'FINISHED', outcome_type = ?, outcome_json = ?
            WHERE instance_id = ?
            """)) {
      EventColumns.bind(s, 1, outcome);
      s.setString(3, instanceId);
      s.executeUpdate();
    }
  }

  Optional<InstanceRecord> find(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM instances WHERE instance_id = ?")) {
      s.setString(1, instanceId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  List<InstanceRecord> all(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM instances ORDER BY seq");
        ResultSet r = s.executeQuery()) {
      List<InstanceRecord> all = new ArrayList<>();
      while (r.next()) {
        all.add(read(r));
      }
      return all;
    }
  }

  private static InstanceRecord read(ResultSet r) throws SQLException {
    return new InstanceRecord(
        r.getString("instance_id"),
        r.getString("workflow"),
        r.getString("status"),
        EventColumns.read(r, "trigger"),
        EventColumns.read(r, "outcome"));
  }

  // ---- the stream

  /**
   * Appends at {@code expectedVersion + 1}.
   *
   * @return false when the stream is elsewhere
   * @throws IllegalArgumentException when there is no such instance
   */
  boolean append(
      Connection c,
      String instanceId,
      long expectedVersion,
      String kind,
      String taskId,
      String detail,
      Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE instances SET version = version + 1 WHERE instance_id = ? AND version = ?")) {
      s.setString(1, instanceId);
      s.setLong(2, expectedVersion);
      if (s.executeUpdate() == 0) {
        requireExists(c, instanceId);
        return false;
      }
    }
    insertEvent(c, instanceId, expectedVersion + 1, kind, taskId, detail, at);
    return true;
  }

  /** Appends at the end of the stream, whatever its version. */
  void appendLatest(
      Connection c, String instanceId, String kind, String taskId, String detail, Instant at)
      throws SQLException {
    long version;
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE instances SET version = version + 1 WHERE instance_id = ? RETURNING version")) {
      s.setString(1, instanceId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw noInstance(instanceId);
        }
        version = r.getLong(1);
      }
    }
    insertEvent(c, instanceId, version, kind, taskId, detail, at);
  }

  void requireExists(Connection c, String instanceId) throws SQLException {
    if (!exists(c, instanceId)) {
      throw noInstance(instanceId);
    }
  }

  private static IllegalArgumentException noInstance(String instanceId) {
    return new IllegalArgumentException("no instance " + instanceId);
  }

  private static void insertEvent(
      Connection c,
      String instanceId,
      long version,
      String kind,
      String taskId,
      String detail,
      Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO stream_events (instance_id, version, kind, task_id, detail, at_ns)
            VALUES (?, ?, ?, ?, ?, ?)
            """)) {
      s.setString(1, instanceId);
      s.setLong(2, version);
      s.setString(3, kind);
      s.setString(4, taskId);
      s.setString(5, detail);
      EpochNanos.bind(s, 6, at);
      s.executeUpdate();
    }
  }

  List<StreamEvent> stream(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            SELECT version, kind, task_id, detail, at_ns FROM stream_events
            WHERE instance_id = ? ORDER BY version
            """)) {
      s.setString(1, instanceId);
      try (ResultSet r = s.executeQuery()) {
        List<StreamEvent> stream = new ArrayList<>();
        while (r.next()) {
          stream.add(
              new StreamEvent(
                  instanceId,
                  r.getLong("version"),
                  r.getString("kind"),
                  r.getString("task_id"),
                  r.getString("detail"),
                  EpochNanos.read(r, "at_ns")));
        }
        return stream;
      }
    }
  }
}
