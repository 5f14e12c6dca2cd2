package dev.railway.validation;

import dev.railway.definition.Route;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** A route must lead to a declared task that accepts the routed event as its input. */
final class RouteTargets implements TaskRule {
  static final String UNKNOWN = "unknown target task";
  static final String DOES_NOT_FIT = "event does not fit the target task";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    // Identical duplicate routes are one problem ("event with two targets"), not two here.
    for (Route route : new LinkedHashSet<>(task.routes())) {
      if (!(route.target() instanceof Target.ToTask to)) {
        continue;
      }
      Optional<Task<?>> target = graph.task(to.taskName());
      if (target.isEmpty()) {
        out.add(
            new Problem(
                UNKNOWN,
                task.name(),
                "task '"
                    + task.name()
                    + "' routes "
                    + TypeNames.of(route.eventType())
                    + " to task '"
                    + to.taskName()
                    + "', which is not declared",
                "declare a task named '"
                    + to.taskName()
                    + "' or route to one of "
                    + graph.taskNames()));
      } else if (!target.get().inputType().isAssignableFrom(route.eventType())) {
        out.add(
            new Problem(
                DOES_NOT_FIT,
                task.name(),
                "task '"
                    + task.name()
                    + "' routes "
                    + TypeNames.of(route.eventType())
                    + " to task '"
                    + to.taskName()
                    + "', whose input type is "
                    + TypeNames.of(target.get().inputType()),
                "route an event of type "
                    + TypeNames.of(target.get().inputType())
                    + " there, or make "
                    + TypeNames.of(route.eventType())
                    + " implement it (e.g. a sealed interface of the events the task accepts)"));
      }
    }
  }
}
