package dev.railway.jdbc;

import dev.railway.store.DecisionRecord;
import dev.railway.store.EdgeCount;
import dev.railway.store.InstancePage;
import dev.railway.store.InstanceQuery;
import dev.railway.store.InstanceRecord;
import dev.railway.store.TaskEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's queries for people (instance search, live counts, what needs attention), each
 * answered from an index of {@code V3__search_indexes.sql}: an instance search walks {@code
 * (workflow, seq)} or {@code (workflow, outcome_type, seq)} backwards from its cursor and stops
 * after one page, so page 1,000 costs what page 1 does.
 */
final class SearchQueries {

  InstancePage findInstances(Connection c, InstanceQuery q) throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT i.seq, ")
            .append(prefixed(InstanceTable.COLUMNS))
            .append(" FROM instances i WHERE i.workflow = ?");
    List<Object> args = new ArrayList<>(List.of(q.workflow()));
    if (q.before() != null) {
      sql.append(" AND i.seq < ?");
      args.add(q.before());
    }
    if (q.triggerEventId() != null) {
      sql.append(" AND i.trigger_event_id = ?");
      args.add(q.triggerEventId());
    }
    if (q.taskId() != null) {
      sql.append(" AND i.instance_id IN (SELECT instance_id FROM tasks WHERE task_id = ?)");
      args.add(q.taskId());
    }
    if (q.taskName() != null) {
      sql.append(
          " AND i.instance_id IN (SELECT instance_id FROM tasks"
              + " WHERE decided = 0 AND workflow = ? AND task_name = ?)");
      args.add(q.workflow());
      args.add(q.taskName());
    }
    if (q.status() != null) {
      switch (q.status()) {
        case RUNNING -> sql.append(" AND i.outcome_type IS NULL");
        case FINISHED -> {
          if (q.outcomeType() == null) {
            sql.append(" AND i.outcome_type IS NOT NULL");
          } else {
            sql.append(" AND i.outcome_type = ?");
            args.add(q.outcomeType());
          }
        }
        case WAITING_IN_TODO ->
            sql.append(
                " AND i.instance_id IN (SELECT instance_id FROM tasks"
                    + " WHERE decided = 0 AND todo = 1 AND workflow = ?)");
        case OVERDUE ->
            sql.append(
                " AND i.instance_id IN (SELECT instance_id FROM tasks"
                    + " WHERE decided = 0 AND due_at_ns < ?)");
        case POSSIBLE_FAILURE ->
            sql.append(
                " AND i.instance_id IN (SELECT d.instance_id FROM decisions d"
                    + " JOIN tasks t ON t.task_id = d.next_task_id"
                    + " WHERE d.cause IN ('POSSIBLE_FAILURE', 'FAULT') AND t.decided = 0)");
      }
      if (q.status() == InstanceQuery.Status.WAITING_IN_TODO) {
        args.add(q.workflow());
      } else if (q.status() == InstanceQuery.Status.OVERDUE) {
        args.add(q.overdueBefore());
      }
    }
    sql.append(" ORDER BY i.seq DESC LIMIT ?");
    args.add(q.limit() + 1);
    List<InstanceRecord> items = new ArrayList<>();
    Long next = null;
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      bind(s, args);
      try (ResultSet r = s.executeQuery()) {
        long lastSeq = 0;
        while (r.next()) {
          if (items.size() == q.limit()) {
            next = lastSeq;
            break;
          }
          lastSeq = r.getLong("seq");
          items.add(InstanceTable.read(r));
        }
      }
    }
    return new InstancePage(items, next);
  }

  Map<String, Long> openTaskCounts(Connection c, String workflow) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT task_name, count(*) FROM tasks WHERE decided = 0 AND workflow = ?"
                + " GROUP BY task_name")) {
      s.setString(1, workflow);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return counts;
  }

  List<EdgeCount> edgeCounts(Connection c, String workflow, Instant since) throws SQLException {
    List<EdgeCount> counts = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT d.task_name, d.event_type, d.cause, count(*) FROM decisions d"
                + " JOIN instances i ON i.instance_id = d.instance_id"
                + " WHERE d.decided_at_ns >= ? AND i.workflow = ?"
                + " GROUP BY d.task_name, d.event_type, d.cause"
                + " ORDER BY d.task_name, d.event_type, d.cause")) {
      EpochNanos.bind(s, 1, since);
      s.setString(2, workflow);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.add(new EdgeCount(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
        }
      }
    }
    return counts;
  }

  List<TaskEntry> overdueTasks(Connection c, Instant dueBefore, int limit) throws SQLException {
    return tasks(
        c,
        "SELECT "
            + TaskTable.COLUMNS
            + " FROM tasks WHERE decided = 0 AND due_at_ns < ? ORDER BY due_at_ns, seq LIMIT ?",
        dueBefore,
        limit);
  }

  List<TaskEntry> expiringTodos(Connection c, Instant deadlineBefore, int limit)
      throws SQLException {
    return tasks(
        c,
        "SELECT "
            + TaskTable.COLUMNS
            + " FROM tasks WHERE decided = 0 AND todo = 1 AND deadline_at_ns < ?"
            + " ORDER BY deadline_at_ns, seq LIMIT ?",
        deadlineBefore,
        limit);
  }

  List<DecisionRecord> doubtsAwaitingPeople(Connection c, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            DecisionTable.SELECT
                + "WHERE d.cause IN ('POSSIBLE_FAILURE', 'FAULT') AND t.decided = 0 AND t.todo = 1"
                + " ORDER BY d.seq LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        List<DecisionRecord> found = new ArrayList<>();
        while (r.next()) {
          found.add(DecisionTable.read(r));
        }
        return found;
      }
    }
  }

  private static List<TaskEntry> tasks(Connection c, String sql, Instant before, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      EpochNanos.bind(s, 1, before);
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        List<TaskEntry> found = new ArrayList<>();
        while (r.next()) {
          found.add(TaskTable.read(r));
        }
        return found;
      }
    }
  }

  private static String prefixed(String columns) {
    return String.join(
        ", ", java.util.Arrays.stream(columns.split(",\\s*")).map(col -> "i." + col).toList());
  }

  private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case String v -> s.setString(i + 1, v);
        case Long v -> s.setLong(i + 1, v);
        case Integer v -> s.setInt(i + 1, v);
        case Instant v -> EpochNanos.bind(s, i + 1, v);
        default -> throw new IllegalArgumentException("cannot bind " + args.get(i));
      }
    }
  }
}
