package dev.railway.validation;

import dev.railway.definition.Task;
import java.util.List;

/**
 * Every task needs an identifier: it keys locks, idempotency and the at-most-one-decision
 * guarantee.
 */
final class MissingIdentifier implements TaskRule {
  static final String RULE = "missing identifier";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (task.identifier() == null) {
      out.add(
          new Problem(
              RULE,
              task.name(),
              "task '" + task.name() + "' has no task identifier function",
              "add .identifiedBy(event -> \""
                  + task.name()
                  + "-\" + event.someId()), computed only from the event"));
    }
  }
}
