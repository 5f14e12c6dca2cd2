package dev.railway.jdbc;

import dev.railway.store.InstanceRecord;
import dev.railway.store.NewInstance;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StreamAppend;
import dev.railway.store.StreamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Instances, trigger deduplication and the event streams. {@code instances.version} is the head of
 * the stream: every append moves it with a compare-and-set, so an append never needs to read the
 * stream.
 */
final class InstanceTable {
  static final String COLUMNS =
      "instance_id, workflow, status, trigger_type, trigger_json, outcome_type, outcome_json,"
          + " trace_context";

  /** Inserts the instance unless its id or its (workflow, trigger event id) is taken. */
  boolean insert(Connection c, NewInstance n) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO instances
              (instance_id, workflow, trigger_event_id, status, trigger_type, trigger_json, version,
               trace_context)
            VALUES (?, ?, ?, 'RUNNING', ?, ?, 0, ?)
            ON CONFLICT DO NOTHING
            """)) {
      s.setString(1, n.instanceId());
      s.setString(2, n.workflow());
      s.setString(3, n.triggerEventId());
      EventColumns.bind(s, 4, n.trigger());
      s.setString(6, n.traceContext());
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

  /**
   * Marks the instance finished with its outcome.
   *
   * @return the instance's workflow
   */
  String finish(Connection c, String instanceId, SerializedEvent outcome) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE instances SET status = 'FINISHED', outcome_type = ?, outcome_json = ?
            WHERE instance_id = ? RETURNING workflow
            """)) {
      EventColumns.bind(s, 1, outcome);
      s.setString(3, instanceId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw noInstance(instanceId);
        }
        return r.getString(1);
      }
    }
  }

  /** Removes an instance that has nothing else yet: undoes an insert in the same transaction. */
  void delete(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM instances WHERE instance_id = ?")) {
      s.setString(1, instanceId);
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

  static InstanceRecord read(ResultSet r) throws SQLException {
    return new InstanceRecord(
        r.getString("instance_id"),
        r.getString("workflow"),
        r.getString("status"),
        EventColumns.read(r, "trigger"),
        EventColumns.read(r, "outcome"),
        r.getString("trace_context"));
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

  /** One event to append: what happened, to which task, in a few words. */
  record Appended(String kind, String taskId, String detail) {}

  /** Appends at the end of the stream, whatever its version. */
  void appendLatest(
      Connection c, String instanceId, String kind, String taskId, String detail, Instant at)
      throws SQLException {
    appendLatest(c, instanceId, List.of(new Appended(kind, taskId, detail)), at);
  }

  /**
   * Appends {@code events} at the end of the stream, whatever its version, in two statements: one
   * moves the head, one inserts them all.
   */
  void appendLatest(Connection c, String instanceId, List<Appended> events, Instant at)
      throws SQLException {
    long head;
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE instances SET version = version + ? WHERE instance_id = ? RETURNING version")) {
      s.setInt(1, events.size());
      s.setString(2, instanceId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw noInstance(instanceId);
        }
        head = r.getLong(1);
      }
    }
    insertEvents(c, instanceId, head - events.size() + 1, events, at);
  }

  /**
   * Appends a group commit's records, of many instances, at the ends of their streams in three
   * round trips whatever the batch's size: the heads move in one JDBC batch (in instance order, so
   * concurrent batches lock the rows in one order and never deadlock), one query reads the new
   * heads, one batch inserts the records. One statement pair per instance made the attempt records
   * the bottleneck of a busy worker: every attempt waits for its record before its call.
   */
  void appendAll(Connection c, List<StreamAppend> batch, Instant at) throws SQLException {
    Map<String, List<StreamAppend>> byInstance = new TreeMap<>();
    for (StreamAppend a : batch) {
      byInstance.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(a);
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE instances SET version = version + ? WHERE instance_id = ?")) {
      for (var e : byInstance.entrySet()) {
        s.setInt(1, e.getValue().size());
        s.setString(2, e.getKey());
        s.addBatch();
      }
      int[] updated = s.executeBatch();
      int i = 0;
      for (String instanceId : byInstance.keySet()) {
        if (updated[i++] == 0) {
          throw noInstance(instanceId);
        }
      }
    }
    Map<String, Long> heads = new TreeMap<>();
    String marks = String.join(", ", Collections.nCopies(byInstance.size(), "?"));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT instance_id, version FROM instances WHERE instance_id IN (" + marks + ")")) {
      int p = 1;
      for (String id : byInstance.keySet()) {
        s.setString(p++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          heads.put(r.getString(1), r.getLong(2));
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO stream_events (instance_id, version, kind, task_id, detail, at_ns)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (var e : byInstance.entrySet()) {
        long version = heads.get(e.getKey()) - e.getValue().size();
        for (StreamAppend a : e.getValue()) {
          s.setString(1, a.instanceId());
          s.setLong(2, ++version);
          s.setString(3, a.kind());
          s.setString(4, a.taskId());
          s.setString(5, a.detail());
          EpochNanos.bind(s, 6, at);
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  /** Refuses, naming the first one, when any of {@code instanceIds} is not an instance. */
  void requireAllExist(Connection c, Collection<String> instanceIds) throws SQLException {
    Set<String> missing = new LinkedHashSet<>(instanceIds);
    String marks = String.join(", ", Collections.nCopies(missing.size(), "?"));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT instance_id FROM instances WHERE instance_id IN (" + marks + ")")) {
      int p = 1;
      for (String id : missing) {
        s.setString(p++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          missing.remove(r.getString(1));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw noInstance(missing.iterator().next());
    }
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
    insertEvents(c, instanceId, version, List.of(new Appended(kind, taskId, detail)), at);
  }

  /** Inserts {@code events} at versions {@code first, first + 1, ...} in one statement. */
  private static void insertEvents(
      Connection c, String instanceId, long first, List<Appended> events, Instant at)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO stream_events (instance_id, version, kind, task_id, detail, at_ns) VALUES ");
    for (int i = 0; i < events.size(); i++) {
      sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
    }
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (int i = 0; i < events.size(); i++) {
        Appended e = events.get(i);
        s.setString(p++, instanceId);
        s.setLong(p++, first + i);
        s.setString(p++, e.kind());
        s.setString(p++, e.taskId());
        s.setString(p++, e.detail());
        EpochNanos.bind(s, p++, at);
      }
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
