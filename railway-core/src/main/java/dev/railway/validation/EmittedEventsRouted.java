package dev.railway.validation;

import dev.railway.definition.Cause;
import dev.railway.definition.Emission;
import dev.railway.definition.Route;
import dev.railway.definition.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The transition table and the declared emissions must match one to one: every event a task may
 * emit has exactly one target, and every route is for an event the task may emit.
 */
final class EmittedEventsRouted implements TaskRule {
  static final String NO_TARGET = "event with no target";
  static final String TWO_TARGETS = "event with two targets";
  static final String NEVER_EMITTED = "route for an event never emitted";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    Map<Class<?>, List<Route>> routesByType = new LinkedHashMap<>();
    for (Route route : task.routes()) {
      routesByType.computeIfAbsent(route.eventType(), t -> new ArrayList<>()).add(route);
    }
    Set<Class<?>> emitted = task.emittedTypes();
    for (Class<?> type : emitted) {
      if (!routesByType.containsKey(type)) {
        out.add(
            new Problem(
                NO_TARGET,
                task.name(),
                "task '"
                    + task.name()
                    + "' may emit "
                    + TypeNames.of(type)
                    + " (from its "
                    + causes(task, type)
                    + ") but does not say where it goes",
                "add .goTo("
                    + TypeNames.of(type)
                    + ".class, \"next-task\") or .outcome("
                    + TypeNames.of(type)
                    + ".class)"));
      }
    }
    routesByType.forEach((type, routes) -> {
      Set<String> targets = new LinkedHashSet<>();
      routes.forEach(r -> targets.add(r.target().describe()));
      if (routes.size() > 1) {
        out.add(
            new Problem(
                TWO_TARGETS,
                task.name(),
                "task '"
                    + task.name()
                    + "' routes "
                    + TypeNames.of(type)
                    + " "
                    + routes.size()
                    + " times (to "
                    + String.join(", ", targets)
                    + "); an event must have exactly one target",
                "keep one goTo(...)/outcome(...) for "
                    + TypeNames.of(type)
                    + ", or emit distinct event types for distinct targets"));
      }
    });
    for (Class<?> type : routesByType.keySet()) {
      if (!emitted.contains(type)) {
        out.add(
            new Problem(
                NEVER_EMITTED,
                task.name(),
                "task '"
                    + task.name()
                    + "' routes "
                    + TypeNames.of(type)
                    + ", but none of its functions declares that it may emit it",
                "declare "
                    + TypeNames.of(type)
                    + ".class in decide(...), onFault(...), onExpiry(...) or compromise(...),"
                    + " or remove the route"));
      }
    }
  }

  /** Which of the task's functions may emit {@code type}, e.g. {@code decision, fault mapping}. */
  private static String causes(Task<?> task, Class<?> type) {
    return task.emissions().stream()
        .filter(e -> e.eventType().equals(type))
        .map(Emission::cause)
        .distinct()
        .map(EmittedEventsRouted::function)
        .collect(Collectors.joining(", "));
  }

  private static String function(Cause cause) {
    return switch (cause) {
      case DECISION -> "decision";
      case FAULT -> "fault mapping";
      case EXPIRY -> "expiry mapping";
      case POSSIBLE_FAILURE -> "uncertainty mapping";
    };
  }
}
