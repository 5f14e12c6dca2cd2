package dev.railway.sim;

import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * One seeded run: opens the store, builds W workers on the real engine, lets the {@link Scheduler}
 * interleave them under the {@link FaultPlan}, then checks the invariants against the store, the
 * {@link EffectLedger} and the {@link OutcomeDeliveries}. It is also what the {@link
 * SimulatedWorld} of the run talks to.
 */
final class SimulationRun {
  private final Simulation<?> sim;
  private final long seed;
  private final SplittableRandom random;
  private final SimulatedClock clock = new SimulatedClock();
  private final Trace trace = new Trace(clock);
  private final FaultPlan faults;
  private final EffectLedger ledger = new EffectLedger();
  private final OutcomeDeliveries outcomes;
  private final Scheduler scheduler;
  private final SimulatedCalls calls;
  private final List<SimulatedParty> parties = new ArrayList<>();
  private Store store;

  SimulationRun(Simulation<?> sim, long seed) {
    this.sim = sim;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.faults = new FaultPlan(sim.faults, random);
    this.outcomes = new OutcomeDeliveries(faults, trace);
    this.scheduler = new Scheduler(sim, seed, clock, trace, faults, ledger);
    this.calls = new SimulatedCalls(faults, trace, clock);
  }

  SimulatedClock clock() {
    return clock;
  }

  SplittableRandom random() {
    return random;
  }

  void register(SimulatedParty party) {
    parties.add(party);
  }

  RunResult execute() {
    SimulatedWorld world = new SimulatedWorld(this);
    Workflow<?> workflow = sim.workflow.apply(world);
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow " + workflow.id() + " declares no triggerId(...): a simulation needs one");
    }
    Duration lease = shortestLockTtl(workflow);
    Path file = null;
    boolean settled = false;
    List<Checks.Found> notBlocked = List.of();
    try {
      if (sim.sqlite) {
        file = Files.createTempFile("railway-sim-" + seed + "-", ".db");
        store = SqliteStore.open(file, clock);
      } else {
        store = sim.store.open(clock);
      }
      scheduler.prepare(workflow, store, lease);
      for (int i = 1; i <= sim.workers; i++) {
        String id = "w" + i;
        scheduler.add(id, w -> engine(id, workflow, lease));
      }
      for (int i = 0; i < sim.instances; i++) {
        Object event = sim.trigger.apply(i);
        @SuppressWarnings({"unchecked", "rawtypes"})
        String id = (String) ((java.util.function.Function) workflow.triggerId()).apply(event);
        scheduler.trigger(id, event);
      }
      settled = scheduler.run(world);
      if (settled) {
        scheduler.deliverOutcomesNow();
        notBlocked = Checks.outcomesNotBlocked(store, outcomes);
        scheduler.drainOutbox(() -> Checks.undeliveredOutcomes(store, outcomes).isEmpty());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SQLite file of seed " + seed, e);
    } finally {
      if (store != null) {
        scheduler.stop();
      }
    }
    List<Checks.Found> found = new ArrayList<>();
    try {
      found.addAll(Checks.check(store, workflow, ledger, scheduler.deliveredTriggers(), parties));
      if (settled) {
        found.addAll(notBlocked);
        found.addAll(Checks.outcomesDelivered(store, outcomes));
      } else {
        found.add(
            new Checks.Found(
                null,
                new Violation(
                    "L1",
                    "the run did not settle within "
                        + Scheduler.MAX_ACTIONS
                        + " actions after faults stopped at action "
                        + FaultPlan.FAULT_ACTIONS
                        + "; open tasks: "
                        + store.openTasks().stream().map(TaskEntry::taskId).toList())));
      }
    } finally {
      store.close();
      if (file != null) {
        deleteQuietly(file);
      }
    }
    return classify(found);
  }

  /**
   * A broken effect bound on a task where an attempt acted after a pause longer than the grace
   * period is the documented assumption's, not the engine's: it is reported apart. Every other
   * violation of the same run stays a violation.
   */
  private RunResult classify(List<Checks.Found> found) {
    List<Violation> kept = new ArrayList<>(scheduler.failures());
    List<String> assumption = new ArrayList<>(scheduler.assumption());
    for (Checks.Found f : found) {
      if (f.taskId() != null
          && ledger.afterLongPause().contains(f.taskId())
          && Checks.EFFECT_BOUNDS.contains(f.violation().invariant())) {
        assumption.add(f.violation().toString());
      } else {
        kept.add(f.violation());
      }
    }
    return new RunResult(
        seed, kept, assumption, trace.lines(), scheduler.actions(), clock.elapsed());
  }

  private ManualEngine engine(String id, Workflow<?> workflow, Duration lease) {
    Engine.Builder b =
        Engine.builder(store)
            .clock(clock)
            .workerId(id)
            .lease(lease)
            .onOutcome(outcomes)
            .workflow(workflow);
    sim.engine.accept(b);
    // Every write and call on the worker's own thread, where the scheduler controls it.
    return ManualEngine.of(b, scheduler.stepListener(), scheduler.callTimeouts());
  }

  // ---- what the run's world asks, on worker threads

  <T> T call(SimulatedParty party, String operation, Callable<T> action) throws Exception {
    Worker w = scheduler.current();
    if (w == null) {
      return action.call();
    }
    return calls.call(w, party, operation, action);
  }

  void effect(SimulatedParty party, String description) {
    Worker w = scheduler.current();
    if (w == null) {
      ledger.effect("(outside an attempt)", null, false);
      trace.note("- EFFECT " + party.name() + ": " + description);
      return;
    }
    w.attemptActed = true;
    ledger.effect(w.task.taskId(), w.attempt, w.pausedLong);
    trace.note(w.id + " EFFECT " + party.name() + ": " + description);
  }

  String currentTaskId() {
    Worker w = scheduler.current();
    return w == null ? null : w.task.taskId();
  }

  String currentAttempt() {
    Worker w = scheduler.current();
    return w == null ? null : ledger.label(w.attempt);
  }

  boolean crashed(String attempt) {
    return ledger.crashedLabel(attempt);
  }

  boolean decided(String taskId) {
    return store.decision(taskId).isPresent();
  }

  java.util.Optional<java.time.Instant> decidedAt(String taskId) {
    return store.decision(taskId).map(dev.railway.store.DecisionRecord::decidedAt);
  }

  // ---- helpers

  private static Duration shortestLockTtl(Workflow<?> workflow) {
    Duration shortest = null;
    for (Task<?> t : workflow.tasks()) {
      if (t instanceof StateTask<?, ?> s
          && (shortest == null || s.lockTtl().compareTo(shortest) < 0)) {
        shortest = s.lockTtl();
      }
    }
    return shortest == null || shortest.compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1)
        : shortest;
  }

  private static void deleteQuietly(Path file) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Files.deleteIfExists(Path.of(file + suffix));
      } catch (IOException e) {
        // A leftover temporary file is harmless.
      }
    }
  }
}
