package dev.railway.sim;

import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Workflow;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DESIGN.md §6's invariants, checked after a run against the store, the effect ledger, the outcome
 * deliveries and the simulated third parties' own records. That the run settled at all (L1) is
 * judged by the run itself.
 */
final class Checks {
  /** The invariants that bound third-party effects: what a pause beyond the grace can break. */
  static final Set<String> EFFECT_BOUNDS = Set.of("I3", "I4", "I5", "I6");

  /** A violation and the task it is about (null when it is about no one task). */
  record Found(String taskId, Violation violation) {}

  private Checks() {}

  static List<Found> check(
      Store store,
      Workflow<?> workflow,
      EffectLedger ledger,
      Set<String> deliveredTriggers,
      List<SimulatedParty> parties) {
    List<Found> found = new ArrayList<>();
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
              found.add(new Found(task, new Violation("I1", task + " has " + n + " decisions")));
            }
          });
      count(stream.stream().filter(e -> e.kind().equals("Decided")).toList(), StreamEvent::taskId)
          .forEach((task, n) -> {
            if (n > 1) {
              found.add(
                  new Found(
                      task, new Violation("I1", task + " has " + n + " Decided events in " + id)));
            }
          });

      // I2: one instance per accepted trigger, in exactly one state.
      long accepted = stream.stream().filter(e -> e.kind().equals("TriggerAccepted")).count();
      if (accepted != 1) {
        found.add(i2(id + " has " + accepted + " TriggerAccepted events"));
      }
      List<TaskEntry> openHere = open.stream().filter(t -> t.instanceId().equals(id)).toList();
      long finished = stream.stream().filter(e -> e.kind().equals("Finished")).count();
      if (instance.finished()) {
        if (instance.outcome() == null || finished != 1 || !openHere.isEmpty()) {
          found.add(
              i2(
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
            i2(
                id
                    + " is running with "
                    + finished
                    + " Finished events and open tasks "
                    + ids(openHere)
                    + " (exactly one expected)"));
      } else if (!openHere.get(0).todo() && openHere.get(0).dueAt() == null) {
        found.add(i2(id + " has task " + openHere.get(0).taskId() + " never due"));
      }
    }
    // Outcomes may start chained workflows: count the instances of the simulated one only.
    long started = instances.stream().filter(i -> i.workflow().equals(workflow.id())).count();
    if (started != deliveredTriggers.size()) {
      found.add(
          i2(
              deliveredTriggers.size()
                  + " distinct triggers were delivered but "
                  + started
                  + " instances exist"));
    }

    // I3–I6: effects per task, bounded by the task's integration kind.
    ledger
        .effects()
        .forEach((taskId, n) -> {
          Optional<StateTask<?, ?>> task = taskOf(store, workflow, taskId);
          if (task.isEmpty()) {
            return;
          }
          Bound bound = bound(task.get().integration());
          if (bound.max >= 0 && n > bound.max) {
            found.add(
                new Found(
                    taskId,
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
                            + " allowed")));
          }
        });

    // An expiry never contradicts an effect that may have happened (DESIGN.md §5).
    ledger
        .actedBy()
        .forEach((taskId, owners) -> {
          Optional<StateTask<?, ?>> task = taskOf(store, workflow, taskId);
          Optional<DecisionRecord> decision = store.decision(taskId);
          if (task.isEmpty() || decision.isEmpty()) {
            return;
          }
          Violation v = unseenEffect(store, task.get(), decision.get(), owners);
          if (v != null) {
            found.add(new Found(taskId, v));
          }
        });

    for (SimulatedParty party : parties) {
      for (String problem : party.problems()) {
        String invariant = problem.matches("^I[1-6]:.*") ? problem.substring(0, 2) : "I5";
        String taskId =
            ledger.actedBy().keySet().stream()
                .filter(t -> problem.contains(t + " ") || problem.endsWith(t))
                .findFirst()
                .orElse(null);
        found.add(new Found(taskId, new Violation(invariant, party.name() + ": " + problem)));
      }
    }
    return found;
  }

  /**
   * An effect the decision does not account for. PessimisticLock and OptimisticLock: an expiry
   * recorded although the third party acted ({@code previous} or {@code completed} would have found
   * it). BlackBoxed: an attempt that acted but did not record the decision (it crashed, its
   * response was lost, its call timed out after acting) must be surfaced — the compromise resolved
   * its lock, or the uncertainty mapping decided; an expiry does not count.
   */
  private static Violation unseenEffect(
      Store store, StateTask<?, ?> task, DecisionRecord decision, Set<String> owners) {
    String cause = decision.cause();
    String taskId = decision.taskId();
    return switch (task.integration()) {
      case Integration.PessimisticLock<?, ?> p ->
          cause.equals(Cause.EXPIRY.name())
              ? new Violation(
                  "I4",
                  taskId
                      + " was decided by its expiry although its third party acted (attempts "
                      + owners.size()
                      + "): the expiry hid an effect")
              : null;
      case Integration.OptimisticLock<?, ?, ?> o ->
          cause.equals(Cause.EXPIRY.name())
              ? new Violation(
                  "I5",
                  taskId
                      + " was decided by its expiry although a second step was confirmed: the"
                      + " expiry hid an effect")
              : null;
      case Integration.BlackBoxed<?, ?> b -> {
        List<String> unseen = new ArrayList<>();
        for (String owner : owners) {
          if (owner.equals(decision.decidedBy())) {
            continue; // Its own result decided.
          }
          boolean resolved =
              store.locks(taskId).stream().anyMatch(l -> l.owner().equals(owner) && l.resolved());
          if (!resolved && !cause.equals(Cause.POSSIBLE_FAILURE.name())) {
            unseen.add(owner);
          }
        }
        yield unseen.isEmpty()
            ? null
            : new Violation(
                "I6",
                taskId
                    + ": "
                    + unseen.size()
                    + " attempt(s) acted without recording it, yet the task was decided by "
                    + cause
                    + " without a possible failure being seen");
      }
      case Integration.Idempotent<?, ?> i -> null;
    };
  }

  /** Instances whose outcome was never delivered to the listener, poison outcomes apart. */
  static List<String> undeliveredOutcomes(Store store, OutcomeDeliveries outcomes) {
    return store.instances().stream()
        .filter(InstanceRecord::finished)
        .map(InstanceRecord::instanceId)
        .filter(id -> !outcomes.delivered().containsKey(id) && !outcomes.poison().contains(id))
        .toList();
  }

  /**
   * L1, no head-of-line blocking: once the run settled, one delivery pass without moving the clock
   * must deliver every outcome whose listener never failed — whatever other outcomes (a poison one,
   * one waiting for its retry) are doing.
   */
  static List<Found> outcomesNotBlocked(Store store, OutcomeDeliveries outcomes) {
    List<String> blocked =
        undeliveredOutcomes(store, outcomes).stream()
            .filter(id -> !outcomes.failed().contains(id))
            .toList();
    if (blocked.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Found(
            null,
            new Violation(
                "L1",
                "outcomes of "
                    + new TreeSet<>(blocked)
                    + " whose listener never failed were not delivered by a delivery pass after"
                    + " the run settled: blocked by "
                    + (outcomes.poison().isEmpty()
                        ? "outcomes that failed before " + outcomes.failed()
                        : "poison outcomes " + outcomes.poison()))));
  }

  /** L1: every outcome is delivered; a poison outcome blocks no other. */
  static List<Found> outcomesDelivered(Store store, OutcomeDeliveries outcomes) {
    List<String> missing = undeliveredOutcomes(store, outcomes);
    if (missing.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Found(
            null,
            new Violation(
                "L1",
                "outcomes of "
                    + new TreeSet<>(missing)
                    + " were never delivered within "
                    + Scheduler.DELIVERY_BOUND
                    + " after the run settled"
                    + (outcomes.poison().isEmpty()
                        ? ""
                        : " (poison outcomes that always fail: " + outcomes.poison() + ")"))));
  }

  private static Found i2(String message) {
    return new Found(null, new Violation("I2", message));
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
