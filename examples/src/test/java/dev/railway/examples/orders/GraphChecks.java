package dev.railway.examples.orders;

import dev.railway.definition.Expiration;
import dev.railway.definition.Integration;
import dev.railway.definition.Route;
import dev.railway.definition.StateTask;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal, independent reading of the graph rules of DESIGN.md §3, so the examples are checked
 * even while the real validator is being written (and cross-check it once it lands).
 */
final class GraphChecks {
  private GraphChecks() {}

  static List<String> findings(Workflow<?> workflow) {
    List<String> out = new ArrayList<>();
    Map<String, Task<?>> byName = new HashMap<>();
    workflow.tasks().forEach(t -> byName.put(t.name(), t));
    for (Task<?> task : workflow.tasks()) {
      for (Class<?> type : task.emittedTypes()) {
        List<Route> routes =
            task.routes().stream().filter(r -> r.eventType().equals(type)).toList();
        if (routes.isEmpty()) {
          out.add("no target: " + task.name() + " " + type.getSimpleName());
        } else if (routes.size() > 1) {
          out.add("two targets: " + task.name() + " " + type.getSimpleName());
        }
        for (Route route : routes) {
          if (route.target() instanceof Target.ToTask to) {
            Task<?> next = byName.get(to.taskName());
            if (next == null) {
              out.add("unknown target: " + task.name() + " -> " + to.taskName());
            } else if (!next.inputType().isAssignableFrom(type)) {
              out.add("input mismatch: " + type.getSimpleName() + " -> " + next.name());
            }
          }
        }
      }
      switch (task) {
        case StateTask<?, ?> state -> {
          if (state.faultMapping() == null) {
            out.add("no fault mapping: " + task.name());
          }
          if (state.integration() instanceof Integration.BlackBoxed<?, ?> b
              && b.compromise() == null) {
            out.add("no compromise: " + task.name());
          }
        }
        case TodoTask<?, ?, ?> todo -> {
          if (todo.readModel() == null
              || todo.contract() == null
              || todo.accessRule() == null
              || todo.decider() == null) {
            out.add("incomplete todo: " + task.name());
          }
          if (todo.expiration() instanceof Expiration.Undeclared<?>) {
            out.add("todo without expiry: " + task.name());
          }
        }
      }
      if (task.expiration() instanceof Expiration.Expires<?> e && e.mapping() == null) {
        out.add("no expiry mapping: " + task.name());
      }
    }
    Set<String> reachable = reachableFrom(workflow.startTask(), byName);
    for (Task<?> task : workflow.tasks()) {
      if (!reachable.contains(task.name())) {
        out.add("unreachable: " + task.name());
      }
      if (!reachesOutcome(task, byName)) {
        out.add("no outcome reachable: " + task.name());
      }
    }
    return out;
  }

  private static Set<String> reachableFrom(String start, Map<String, Task<?>> byName) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      Task<?> task = byName.get(name);
      if (task != null && seen.add(name)) {
        for (Route r : task.routes()) {
          if (r.target() instanceof Target.ToTask to) {
            todo.push(to.taskName());
          }
        }
      }
    }
    return seen;
  }

  private static boolean reachesOutcome(Task<?> from, Map<String, Task<?>> byName) {
    for (String name : reachableFrom(from.name(), byName)) {
      if (byName.get(name).routes().stream().anyMatch(r -> r.target() instanceof Target.Outcome)) {
        return true;
      }
    }
    return false;
  }
}
