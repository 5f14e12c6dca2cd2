package dev.railway.validation;

import dev.railway.definition.Expiration;
import dev.railway.definition.Route;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task graph of a workflow as the rules need it: tasks by name, which tasks the start reaches,
 * and from which tasks an end is reachable. Computed once, from declarations only.
 *
 * <p>Tasks are tracked by their position in the declaration, not by name, so that a duplicate name
 * does not hide the second task: names resolve to the first task declared with them, as they would
 * at run time.
 */
final class WorkflowGraph {
  private final Workflow<?> workflow;
  private final List<Task<?>> tasks;
  private final Map<String, Integer> firstIndexByName = new LinkedHashMap<>();
  private final List<List<Integer>> successors = new ArrayList<>();
  private final BitSet reachable;
  private final BitSet reachesAnEnd;

  WorkflowGraph(Workflow<?> workflow) {
    this.workflow = workflow;
    this.tasks = workflow.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      firstIndexByName.putIfAbsent(tasks.get(i).name(), i);
    }
    for (Task<?> task : tasks) {
      List<Integer> next = new ArrayList<>();
      for (Route route : task.routes()) {
        if (route.target() instanceof Target.ToTask to
            && firstIndexByName.containsKey(to.taskName())) {
          next.add(firstIndexByName.get(to.taskName()));
        }
      }
      successors.add(next);
    }
    this.reachable = computeReachable();
    this.reachesAnEnd = computeReachesAnEnd();
  }

  Workflow<?> workflow() {
    return workflow;
  }

  List<Task<?>> tasks() {
    return tasks;
  }

  /** The first task declared with this name. */
  Optional<Task<?>> task(String name) {
    Integer index = firstIndexByName.get(name);
    return index == null ? Optional.empty() : Optional.of(tasks.get(index));
  }

  /** Whether this task is the first one declared with its name. */
  boolean isFirstWithItsName(Task<?> task) {
    return tasks.get(firstIndexByName.get(task.name())) == task;
  }

  /** The declared task names, in declaration order, without duplicates. */
  List<String> taskNames() {
    return List.copyOf(firstIndexByName.keySet());
  }

  boolean startTaskKnown() {
    return firstIndexByName.containsKey(workflow.startTask());
  }

  /** Whether the start task leads to this task; false for every task when the start is unknown. */
  boolean isReachable(Task<?> task) {
    return reachable.get(indexOf(task));
  }

  /**
   * Whether an outcome, or a review ToDo that may wait forever, is reachable from this task
   * (including the task itself).
   */
  boolean reachesAnEnd(Task<?> task) {
    return reachesAnEnd.get(indexOf(task));
  }

  /**
   * A ToDo declared to never expire that routes to itself: a review that may legitimately wait
   * forever (the paper's customer-support review), so it needs no reachable outcome.
   */
  static boolean isOpenEndedReview(Task<?> task) {
    return task instanceof TodoTask<?, ?, ?> todo
        && todo.expiration() instanceof Expiration.CannotExpire<?>
        && todo.routes().stream()
            .anyMatch(
                r -> r.target() instanceof Target.ToTask to && to.taskName().equals(todo.name()));
  }

  private int indexOf(Task<?> task) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) == task) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "task '" + task.name() + "' is not part of workflow '" + workflow.id() + "'");
  }

  private BitSet computeReachable() {
    BitSet seen = new BitSet(tasks.size());
    Integer start = firstIndexByName.get(workflow.startTask());
    if (start == null) {
      return seen;
    }
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen.set(start);
    while (!queue.isEmpty()) {
      for (int next : successors.get(queue.poll())) {
        if (!seen.get(next)) {
          seen.set(next);
          queue.add(next);
        }
      }
    }
    return seen;
  }

  /** Backward fixed point: a task reaches an end if it is one, or a successor reaches one. */
  private BitSet computeReachesAnEnd() {
    BitSet ends = new BitSet(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      Task<?> task = tasks.get(i);
      boolean routesOut =
          task.routes().stream().anyMatch(r -> r.target() instanceof Target.Outcome);
      if (routesOut || isOpenEndedReview(task)) {
        ends.set(i);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < tasks.size(); i++) {
        if (!ends.get(i) && successors.get(i).stream().anyMatch(ends::get)) {
          ends.set(i);
          changed = true;
        }
      }
    }
    return ends;
  }
}
