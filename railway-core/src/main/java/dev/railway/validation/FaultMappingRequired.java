package dev.railway.validation;

import dev.railway.definition.Cause;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import java.util.List;

/**
 * Once the backoff gives up, a State task's fault must become a declared transition ("insist,
 * desist or react"); without a mapping it would have nowhere to go.
 */
final class FaultMappingRequired implements TaskRule {
  static final String RULE = "State without fault mapping";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (task instanceof StateTask<?, ?> state && state.faultMapping() == null) {
      String defaultExit =
          graph
              .workflow()
              .defaultExit(Cause.FAULT)
              .map(exit ->
                  " (the workflow's default fault exit reads "
                      + TypeNames.of(exit.accepts())
                      + ", and its input "
                      + TypeNames.of(task.inputType())
                      + " is not one)")
              .orElse("");
      out.add(
          new Problem(
              RULE,
              task.name(),
              "State task '"
                  + task.name()
                  + "' has no fault mapping"
                  + defaultExit
                  + ": a fault after the last retry would have no transition",
              "add .onFault((error, event, taskId) -> ..., SomeEvent.class) and route SomeEvent"
                  + " with goTo(...) or outcome(...)"));
    }
  }
}
