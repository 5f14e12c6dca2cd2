package dev.railway.validation;

import dev.railway.definition.Cause;
import dev.railway.definition.DefaultExit;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import java.util.List;

/**
 * A default exit ends the workflow: a task that uses it but routes one of its events to another
 * task would send its faults or expiries somewhere the diagram's default marker does not show.
 */
final class DefaultExitRouted implements TaskRule {
  static final String RULE = "default exit not an outcome";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    for (Cause cause : List.of(Cause.FAULT, Cause.EXPIRY)) {
      if (!graph.workflow().usesDefaultExit(task, cause)) {
        continue;
      }
      DefaultExit<?> exit = graph.workflow().defaultExit(cause).orElseThrow();
      for (Class<?> type : exit.emits()) {
        task.targetOf(type)
            .filter(Target.ToTask.class::isInstance)
            .ifPresent(target ->
                out.add(
                    new Problem(
                        RULE,
                        task.name(),
                        "task '"
                            + task.name()
                            + "' uses the workflow's default "
                            + cause.label()
                            + " exit, whose "
                            + TypeNames.of(type)
                            + " ends the workflow, but the task routes "
                            + TypeNames.of(type)
                            + " to "
                            + target.describe(),
                        "give task '"
                            + task.name()
                            + "' its own "
                            + (cause == Cause.FAULT ? "onFault(...)" : "onExpiry(...)")
                            + " mapping, or route "
                            + TypeNames.of(type)
                            + " with outcome(...)")));
      }
    }
  }
}
