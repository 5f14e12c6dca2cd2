package dev.railway.jdbc;

import dev.railway.store.TaskEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The scheduling read model: entered tasks, their due times, leases and whether they are decided. A
 * decided task stays, closed, so {@code task(id)} keeps answering.
 */
final class TaskTable {
  /** The task as it is now. */
  static final String COLUMNS =
      "task_id, instance_id, workflow, task_name, todo, input_type, input_json, read_model_type,"
          + " read_model_json, entered_at_ns, due_at_ns, deadline_at_ns, attempts";

  /** The task as it was entered, under the same names, read from the table aliased {@code t}. */
  static final String ENTERED_COLUMNS =
      "t.task_id, t.instance_id, t.workflow, t.task_name, t.todo, t.input_type, t.input_json,"
          + " t.read_model_type, t.read_model_json, t.entered_at_ns,"
          + " t.entered_due_at_ns AS due_at_ns, t.deadline_at_ns, t.entered_attempts AS attempts";

  private final String claimDue;

  TaskTable(SqlDialect dialect) {
    this.claimDue = dialect.claimDue(COLUMNS);
  }

  /**
   * Enters a task unless its identifier is taken, by a task or by a decision.
   *
   * @return false when taken
   */
  boolean insert(Connection c, TaskEntry t) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO tasks
              (task_id, instance_id, workflow, task_name, todo, input_type, input_json,
               read_model_type, read_model_json, entered_at_ns, due_at_ns, deadline_at_ns,
               attempts, entered_due_at_ns, entered_attempts)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE task_id = ?)
            ON CONFLICT DO NOTHING
            """)) {
      s.setString(1, t.taskId());
      s.setString(2, t.instanceId());
      s.setString(3, t.workflow());
      s.setString(4, t.taskName());
      s.setInt(5, t.todo() ? 1 : 0);
      EventColumns.bind(s, 6, t.input());
      EventColumns.bind(s, 8, t.readModel());
      EpochNanos.bind(s, 10, t.enteredAt());
      EpochNanos.bind(s, 11, t.dueAt());
      EpochNanos.bind(s, 12, t.deadlineAt());
      s.setInt(13, t.attempts());
      EpochNanos.bind(s, 14, t.dueAt());
      s.setInt(15, t.attempts());
      s.setString(16, t.taskId());
      return s.executeUpdate() == 1;
    }
  }

  /** Closes a decided task: never due, never leased again. */
  void close(Connection c, String taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE tasks SET decided = 1, lease_owner = NULL, lease_until_ns = NULL
            WHERE task_id = ?
            """)) {
      s.setString(1, taskId);
      s.executeUpdate();
    }
  }

  List<TaskEntry> claimDue(Connection c, String owner, int limit, Duration lease, Instant now)
      throws SQLException {
    record Claimed(long seq, TaskEntry task) {}
    List<Claimed> claimed = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(claimDue)) {
      s.setString(1, owner);
      EpochNanos.bind(s, 2, now.plus(lease));
      EpochNanos.bind(s, 3, now);
      EpochNanos.bind(s, 4, now);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          claimed.add(new Claimed(r.getLong("seq"), read(r)));
        }
      }
    }
    // RETURNING promises no order; the contract is earliest due first, then entry order.
    return claimed.stream()
        .sorted(
            Comparator.comparing((Claimed x) -> x.task().dueAt()).thenComparingLong(Claimed::seq))
        .map(Claimed::task)
        .toList();
  }

  /**
   * Reschedules an undecided task; with a {@code leaseOwner}, only while that worker or nobody
   * holds its lease.
   *
   * @return whether the task was rescheduled
   */
  boolean reschedule(Connection c, String taskId, String leaseOwner, Instant dueAt, int attempts)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            UPDATE tasks SET due_at_ns = ?, attempts = ?, lease_owner = NULL, lease_until_ns = NULL
            WHERE task_id = ? AND decided = 0
              AND (CAST(? AS TEXT) IS NULL OR lease_owner IS NULL OR lease_owner = ?)
            """)) {
      EpochNanos.bind(s, 1, dueAt);
      s.setInt(2, attempts);
      s.setString(3, taskId);
      s.setString(4, leaseOwner);
      s.setString(5, leaseOwner);
      return s.executeUpdate() == 1;
    }
  }

  Optional<TaskEntry> find(Connection c, String taskId) throws SQLException {
    List<TaskEntry> found = list(c, "SELECT " + COLUMNS + " FROM tasks WHERE task_id = ?", taskId);
    return found.stream().findFirst();
  }

  Optional<Instant> nextDueAt(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT min(due_at_ns) AS due_at_ns FROM tasks WHERE decided = 0");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.ofNullable(EpochNanos.read(r, "due_at_ns")) : Optional.empty();
    }
  }

  List<TaskEntry> openTodos(Connection c, String workflow, String taskName) throws SQLException {
    return list(
        c,
        "SELECT "
            + COLUMNS
            + " FROM tasks WHERE decided = 0 AND todo = 1 AND workflow = ? AND task_name = ?"
            + " ORDER BY seq",
        workflow,
        taskName);
  }

  List<TaskEntry> open(Connection c) throws SQLException {
    return list(c, "SELECT " + COLUMNS + " FROM tasks WHERE decided = 0 ORDER BY seq");
  }

  private static List<TaskEntry> list(Connection c, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        List<TaskEntry> tasks = new ArrayList<>();
        while (r.next()) {
          tasks.add(read(r));
        }
        return tasks;
      }
    }
  }

  /** Reads {@link #COLUMNS} (or {@link #ENTERED_COLUMNS}) from the current row. */
  static TaskEntry read(ResultSet r) throws SQLException {
    return new TaskEntry(
        r.getString("task_id"),
        r.getString("instance_id"),
        r.getString("workflow"),
        r.getString("task_name"),
        r.getInt("todo") == 1,
        EventColumns.read(r, "input"),
        EventColumns.read(r, "read_model"),
        EpochNanos.read(r, "entered_at_ns"),
        EpochNanos.read(r, "due_at_ns"),
        EpochNanos.read(r, "deadline_at_ns"),
        r.getInt("attempts"));
  }
}
