package dev.railway.validation;

import dev.railway.definition.Task;
import java.util.List;

/**
 * Every task must be reachable from the start, and every task must lead somewhere: to an outcome,
 * or to a ToDo that may wait forever by design (declared cannotExpire and routing to itself, like
 * the paper's customer-support review).
 */
final class Reachability implements TaskRule {
  static final String UNREACHABLE = "unreachable task";
  static final String NO_OUTCOME = "no outcome reachable";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    // With an unknown start nothing is reachable; that is one problem, reported by StartTask.
    if (graph.startTaskKnown() && !graph.isReachable(task)) {
      out.add(
          new Problem(
              UNREACHABLE,
              task.name(),
              "task '"
                  + task.name()
                  + "' cannot be reached from the start task '"
                  + graph.workflow().startTask()
                  + "'",
              "route an event to '" + task.name() + "' with goTo(...), or remove the task"));
    }
    if (!graph.reachesAnEnd(task)) {
      out.add(
          new Problem(
              NO_OUTCOME,
              task.name(),
              "no outcome is reachable from task '"
                  + task.name()
                  + "': instances entering it could never finish",
              "route an event of '"
                  + task.name()
                  + "' (or of a task it leads to) with outcome(...); a review that may wait"
                  + " forever must be a ToDo declared cannotExpire() that routes to itself"));
    }
  }
}
