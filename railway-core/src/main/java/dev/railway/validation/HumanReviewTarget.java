package dev.railway.validation;

import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import java.util.List;
import java.util.Optional;

/**
 * A HumanReview compromise hands possible failures to a person: the named task must be a ToDo, and
 * every event of the uncertainty mapping must lead there.
 */
final class HumanReviewTarget implements TaskRule {
  static final String NOT_A_TODO = "HumanReview target is not a ToDo";
  static final String NOT_ROUTED = "HumanReview event not routed to its ToDo";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (!(task instanceof StateTask<?, ?> state)
        || !(state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed)
        || !(blackBoxed.compromise() instanceof Compromise.HumanReview review)) {
      return;
    }
    String todo = review.todoTask();
    Optional<Task<?>> target = graph.task(todo);
    if (target.isEmpty() || !(target.get() instanceof TodoTask<?, ?, ?>)) {
      out.add(
          new Problem(
              NOT_A_TODO,
              task.name(),
              "BlackBoxed task '"
                  + task.name()
                  + "' hands possible failures to '"
                  + todo
                  + "' for human review, but "
                  + target
                      .map(t -> "that task is a " + t.shape() + ", not a ToDo")
                      .orElse("no task has that name"),
              "name a ToDo task in Compromise.humanReview(...), one of "
                  + graph.tasks().stream()
                      .filter(t -> t instanceof TodoTask<?, ?, ?>)
                      .map(Task::name)
                      .distinct()
                      .toList()));
    }
    for (Class<?> type : task.emitted(Cause.POSSIBLE_FAILURE)) {
      Optional<Target> routed = task.targetOf(type);
      boolean toReview =
          routed.isEmpty() // reported as an event with no target
              || (routed.get() instanceof Target.ToTask to && to.taskName().equals(todo));
      if (!toReview) {
        out.add(
            new Problem(
                NOT_ROUTED,
                task.name(),
                "BlackBoxed task '"
                    + task.name()
                    + "' has a HumanReview compromise, but its possible-failure event "
                    + TypeNames.of(type)
                    + " leads to "
                    + routed.get().describe()
                    + " instead of the ToDo '"
                    + todo
                    + "'",
                "route it with .goTo(" + TypeNames.of(type) + ".class, \"" + todo + "\")"));
      }
    }
  }
}
