package dev.railway.validation;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import java.util.ArrayList;
import java.util.List;

/**
 * Expiry must be a visible transition: a task that can expire needs a mapping, and a ToDo must say
 * whether it can expire at all (people do not always answer).
 */
final class ExpiryDeclared implements TaskRule {
  static final String NO_MAPPING = "no expiry mapping";
  static final String TODO_UNDECLARED = "ToDo without expiry";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    switch (task.expiration()) {
      case Expiration.Expires<?> expires when expires.mapping() == null ->
          out.add(
              new Problem(
                  NO_MAPPING,
                  task.name(),
                  "task '"
                      + task.name()
                      + "' can expire ("
                      + describe(expires)
                      + ") but has no expiry mapping"
                      + defaultExitMismatch(task, graph)
                      + ": its expiry would have no transition",
                  "add .onExpiry((event, taskId) -> ..., SomeEvent.class) and route SomeEvent"));
      case Expiration.Undeclared<?> undeclared when task instanceof TodoTask<?, ?, ?> ->
          out.add(
              new Problem(
                  TODO_UNDECLARED,
                  task.name(),
                  "ToDo '" + task.name() + "' does not say whether it can expire",
                  "add .expiresAfter(Duration, (event, taskId) -> ..., SomeEvent.class), or"
                      + " .cannotExpire() if it may wait forever"));
      default -> {}
    }
  }

  private static String defaultExitMismatch(Task<?> task, WorkflowGraph graph) {
    return graph
        .workflow()
        .defaultExit(Cause.EXPIRY)
        .map(exit ->
            " (the workflow's default expiry exit reads "
                + TypeNames.of(exit.accepts())
                + ", and its input "
                + TypeNames.of(task.inputType())
                + " is not one)")
        .orElse("");
  }

  private static String describe(Expiration.Expires<?> expires) {
    List<String> ways = new ArrayList<>();
    expires.deadlineIfAny().ifPresent(d -> ways.add("deadline " + d));
    expires.stillNeededIfAny().ifPresent(s -> ways.add("stillNeeded check"));
    return String.join(" and ", ways);
  }
}
