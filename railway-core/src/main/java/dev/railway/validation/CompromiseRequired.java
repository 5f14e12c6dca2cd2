package dev.railway.validation;

import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import java.util.List;

/** A BlackBoxed task must say up front what happens on a possible failure. */
final class CompromiseRequired implements TaskRule {
  static final String RULE = "BlackBoxed task without compromise";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (task instanceof StateTask<?, ?> state
        && state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed
        && blackBoxed.compromise() == null) {
      out.add(
          new Problem(
              RULE,
              task.name(),
              "BlackBoxed task '"
                  + task.name()
                  + "' declares no compromise for a possible failure (an attempt that started and"
                  + " was never heard of again)",
              "add .compromise(Compromise.atMostOnce() | atLeastOnce() | upTo(n) |"
                  + " humanReview(\"todo-task\"), (event, taskId, startedAt) -> ...,"
                  + " SomeEvent.class)"));
    }
  }
}
