package dev.railway.jdbc;

import dev.railway.store.DecisionRecord;
import dev.railway.store.NextStep;
import dev.railway.store.SerializedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decisions. The table's unique key on {@code task_id} is what makes a decision happen at most once
 * (I1): {@link #insert} relies on it through {@code ON CONFLICT DO NOTHING}, not on a prior read.
 * An {@code Enter} decision points at the task row it entered, whose entered-as columns give the
 * next task back exactly as committed.
 */
final class DecisionTable {
  static final String SELECT =
      "SELECT d.instance_id AS d_instance_id, d.task_id AS d_task_id, d.task_name AS d_task_name,"
          + " d.event_type, d.event_json, d.cause, d.decided_by, d.decided_at_ns,"
          + " d.next_task_id, d.outcome_type, d.outcome_json, "
          + TaskTable.ENTERED_COLUMNS
          + " FROM decisions d LEFT JOIN tasks t ON t.task_id = d.next_task_id ";

  /**
   * Records the decision unless its task already has one.
   *
   * @return false when the task was decided before
   */
  boolean insert(Connection c, DecisionRecord d) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO decisions
              (task_id, instance_id, task_name, event_type, event_json, cause, decided_by,
               decided_at_ns, next_task_id, outcome_type, outcome_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_id) DO NOTHING
            """)) {
      s.setString(1, d.taskId());
      s.setString(2, d.instanceId());
      s.setString(3, d.taskName());
      EventColumns.bind(s, 4, d.event());
      s.setString(6, d.cause());
      s.setString(7, d.decidedBy());
      EpochNanos.bind(s, 8, d.decidedAt());
      switch (d.next()) {
        case NextStep.Enter e -> {
          s.setString(9, e.task().taskId());
          EventColumns.bind(s, 10, null);
        }
        case NextStep.Finish f -> {
          s.setString(9, null);
          EventColumns.bind(s, 10, f.outcome());
        }
      }
      return s.executeUpdate() == 1;
    }
  }

  /** Removes a decision inserted earlier in the same transaction, to undo it. */
  void delete(Connection c, String taskId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM decisions WHERE task_id = ?")) {
      s.setString(1, taskId);
      s.executeUpdate();
    }
  }

  Optional<DecisionRecord> find(Connection c, String taskId) throws SQLException {
    return list(c, SELECT + "WHERE d.task_id = ?", taskId).stream().findFirst();
  }

  List<DecisionRecord> ofInstance(Connection c, String instanceId) throws SQLException {
    return list(c, SELECT + "WHERE d.instance_id = ? ORDER BY d.seq", instanceId);
  }

  private static List<DecisionRecord> list(Connection c, String sql, String parameter)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet r = s.executeQuery()) {
        List<DecisionRecord> decisions = new ArrayList<>();
        while (r.next()) {
          decisions.add(read(r));
        }
        return decisions;
      }
    }
  }

  static DecisionRecord read(ResultSet r) throws SQLException {
    NextStep next =
        r.getString("next_task_id") != null
            ? new NextStep.Enter(TaskTable.read(r))
            : new NextStep.Finish(EventColumns.read(r, "outcome"));
    return new DecisionRecord(
        r.getString("d_instance_id"),
        r.getString("d_task_id"),
        r.getString("d_task_name"),
        new SerializedEvent(r.getString("event_type"), r.getString("event_json")),
        r.getString("cause"),
        r.getString("decided_by"),
        EpochNanos.read(r, "decided_at_ns"),
        next);
  }
}
