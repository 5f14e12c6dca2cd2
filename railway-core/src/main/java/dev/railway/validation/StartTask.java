package dev.railway.validation;

import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import java.util.List;
import java.util.Optional;

/** The trigger must enter a declared task whose input type accepts it. */
final class StartTask implements WorkflowRule {
  static final String UNKNOWN = "unknown start task";

  @Override
  public void check(WorkflowGraph graph, List<Problem> out) {
    Workflow<?> workflow = graph.workflow();
    String start = workflow.startTask();
    Optional<Task<?>> task = graph.task(start);
    if (task.isEmpty()) {
      out.add(
          new Problem(
              UNKNOWN,
              start,
              "workflow '"
                  + workflow.id()
                  + "' starts at task '"
                  + start
                  + "', but no task has that name",
              "call startAt(...) with one of the declared tasks " + graph.taskNames()));
      return;
    }
    Class<?> input = task.get().inputType();
    if (!input.isAssignableFrom(workflow.triggerType())) {
      out.add(
          new Problem(
              RouteTargets.DOES_NOT_FIT,
              start,
              "the trigger "
                  + TypeNames.of(workflow.triggerType())
                  + " of workflow '"
                  + workflow.id()
                  + "' cannot enter start task '"
                  + start
                  + "', whose input type is "
                  + TypeNames.of(input),
              "make the start task's input type "
                  + TypeNames.of(workflow.triggerType())
                  + " (or a sealed interface it implements), or start at another task"));
    }
  }
}
