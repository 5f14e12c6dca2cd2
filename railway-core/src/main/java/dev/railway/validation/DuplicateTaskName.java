package dev.railway.validation;

import dev.railway.definition.Task;
import java.util.List;

/** Task names identify tasks in routes, stored streams and diagrams, so they must be unique. */
final class DuplicateTaskName implements TaskRule {
  static final String RULE = "duplicate task name";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (!graph.isFirstWithItsName(task)) {
      out.add(
          new Problem(
              RULE,
              task.name(),
              "more than one task is named '"
                  + task.name()
                  + "'; routes to that name would only ever reach the first one",
              "rename one of the tasks named '" + task.name() + "'"));
    }
  }
}
