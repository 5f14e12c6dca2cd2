package dev.railway.sim;

import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Workflow;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.Store;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DESIGN.md §6's invariants, checked after a run against the store and the simulated third parties'
 * own records. L1 (settling once faults stop) is judged by the run itself.
 */
final class Checks {
  /** The invariants that bound third-party effects: what a pause beyond the grace can break. */
  static final Set<String> EFFECT_BOUNDS = Set.of("I3", "I4", "I5", "I6");

  private Checks() {}

  static List<Violation> check(
      Store store,
      Workflow<?> workflow,
      Map<String, Integer> effects,
      Map<String, Set<String>> crashedAfterEffect,
      Set<String> deliveredTriggers,
      List<SimulatedParty> parties) {
    List<Violation> found = new ArrayList<>();
    List<TaskEntry> open = store.openTasks();
    List<InstanceRecord> instances = store.instances();
    for (InstanceRecord instance : instances) {
      String id = instance.instanceId();
      List<StreamEvent> stream = store.stream(id);
      List<DecisionRecord> decisions = store.decisions(id);

      // I1: at most one decision per task identifier, ever.
      count(decisions, DecisionRecord::taskId)
          .forEach((task, n) -> {
            if (n > 1) {
              found.add(new Violation("I1", task + " has " + n + " decisions"));
            }
          });
      count(stream.stream().filter(e -> e.kind().equals("Decided")).toList(), StreamEvent::taskId)
          .forEach((task, n) -> {
            if (n > 1) {
              found.add(new Violation("I1", task + " has " + n + " Decided events in " + id));
            }
          });

      // I2: one instance per accepted trigger, in exactly one state.
      long accepted = stream.stream().filter(e -> e.kind().equals("TriggerAccepted")).count();
      if (accepted != 1) {
        found.add(new Violation("I2", id + " has " + accepted + " TriggerAccepted events"));
      }
      List<TaskEntry> openHere = open.stream().filter(t -> t.instanceId().equals(id)).toList();
      long finished = stream.stream().filter(e -> e.kind().equals("Finished")).count();
      if (instance.finished()) {
        if (instance.outcome() == null || finished != 1 || !openHere.isEmpty()) {
          found.add(
              new Violation(
                  "I2",
                  id
                      + " is finished but has outcome "
                      + instance.outcome()
                      + ", "
                      + finished
                      + " Finished events and open tasks "
                      + ids(openHere)));
        }
      } else if (finished != 0 || openHere.size() != 1) {
        found.add(
            new Violation(
                "I2",
                id
                    + " is running with "
                    + finished
                    + " Finished events and open tasks "
                    + ids(openHere)
                    + " (exactly one expected)"));
      } else if (!openHere.get(0).todo() && openHere.get(0).dueAt() == null) {
        found.add(new Violation("I2", id + " has task " + openHere.get(0).taskId() + " never due"));
      }
    }
    if (instances.size() != deliveredTriggers.size()) {
      found.add(
          new Violation(
              "I2",
              deliveredTriggers.size()
                  + " distinct triggers were delivered but "
                  + instances.size()
                  + " instances exist"));
    }

    // I3–I6: effects per task, bounded by the task's integration kind.
    effects.forEach((taskId, n) -> {
      Optional<StateTask<?, ?>> task = taskOf(store, workflow, taskId);
      if (task.isEmpty()) {
        return;
      }
      Bound bound = bound(task.get().integration());
      if (bound.max >= 0 && n > bound.max) {
        found.add(
            new Violation(
                bound.invariant,
                taskId
                    + " ("
                    + task.get().kind().displayName()
                    + bound.detail
                    + ") acted "
                    + n
                    + " times at its third party; at most "
                    + bound.max
                    + " allowed"));
      }
    });

    // I6: a crash between the call and the record is surfaced as a possible failure.
    crashedAfterEffect.forEach((taskId, crashed) -> {
      Optional<StateTask<?, ?>> task = taskOf(store, workflow, taskId);
      if (task.isEmpty() || !(task.get().integration() instanceof Integration.BlackBoxed<?, ?>)) {
        return;
      }
      Optional<DecisionRecord> decision = store.decision(taskId);
      if (decision.isEmpty()) {
        return;
      }
      String cause = decision.get().cause();
      boolean surfaced =
          cause.equals(Cause.POSSIBLE_FAILURE.name())
              || cause.equals(Cause.EXPIRY.name())
              || store.locks(taskId).stream().anyMatch(Lock::resolved);
      if (!surfaced) {
        found.add(
            new Violation(
                "I6",
                taskId
                    + ": attempt(s) "
                    + crashed
                    + " crashed after acting, yet the task was decided by "
                    + cause
                    + " without a possible failure being seen"));
      }
    });

    for (SimulatedParty party : parties) {
      for (String problem : party.problems()) {
        String invariant = problem.matches("^I[1-6]:.*") ? problem.substring(0, 2) : "I5";
        found.add(new Violation(invariant, party.name() + ": " + problem));
      }
    }
    return found;
  }

  private record Bound(String invariant, int max, String detail) {}

  private static Bound bound(Integration<?, ?> integration) {
    return switch (integration) {
      case Integration.Idempotent<?, ?> i -> new Bound("I3", 1, "");
      case Integration.PessimisticLock<?, ?> p -> new Bound("I4", 1, "");
      case Integration.OptimisticLock<?, ?, ?> o -> new Bound("I5", 1, "");
      case Integration.BlackBoxed<?, ?> b ->
          switch (b.compromise()) {
            case Compromise.AtMostOnce a -> new Bound("I6", 1, ", AtMostOnce");
            case Compromise.HumanReview h -> new Bound("I6", 1, ", HumanReview");
            case Compromise.UpTo u -> new Bound("I6", u.n() + 1, ", UpTo(" + u.n() + ")");
            case Compromise.AtLeastOnce a -> new Bound("I6", -1, ", AtLeastOnce");
          };
    };
  }

  private static Optional<StateTask<?, ?>> taskOf(
      Store store, Workflow<?> workflow, String taskId) {
    return store
        .task(taskId)
        .flatMap(e -> workflow.task(e.taskName()))
        .filter(StateTask.class::isInstance)
        .map(t -> (StateTask<?, ?>) t);
  }

  private static List<String> ids(List<TaskEntry> tasks) {
    return tasks.stream().map(TaskEntry::taskId).toList();
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
