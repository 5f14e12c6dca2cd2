package dev.railway.sim;

import dev.railway.definition.StateTask;
import dev.railway.definition.Workflow;
import dev.railway.engine.CallTimeouts;
import dev.railway.engine.Engine;
import dev.railway.engine.Step;
import dev.railway.engine.StepListener;
import dev.railway.engine.TodoRejectedException;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The discrete-event scheduler of one run over W worker threads of which exactly one moves at a
 * time. Each action is drawn from the seed among what can happen now — deliver a trigger, let an
 * idle worker claim a due task, resume a worker to its next step boundary, let an agent answer a
 * ToDo, deliver outcomes — and when nothing can, the clock jumps to the next moment something can
 * (a due task, a lease lapsing, a sleeping call or pause ending). After {@link #MAX_ACTIONS}
 * actions the run has not settled (L1).
 */
final class Scheduler {
  static final int MAX_ACTIONS = 5_000;

  /** After the run settles, outcomes still waiting get this long to be delivered (L1). */
  static final Duration DELIVERY_BOUND = Duration.ofHours(1);

  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  record Trigger(String eventId, Object event) {}

  private final Simulation<?> sim;
  private final long seed;
  private final SimulatedClock clock;
  private final Trace trace;
  private final FaultPlan faults;
  private final EffectLedger ledger;
  private final SplittableRandom random;
  private final Semaphore back = new Semaphore(0);
  private final List<Worker> workers = new ArrayList<>();
  private final Map<String, Instant> leases = new HashMap<>();
  private final List<Trigger> pending = new ArrayList<>();
  private final Set<String> delivered = new LinkedHashSet<>();
  private final List<Violation> failures = new ArrayList<>();
  private final List<String> assumption = new ArrayList<>();
  private Workflow<?> workflow;
  private Store store;
  private Duration lease;
  private int actions;
  private boolean claimMayWork = true;
  private boolean outboxMayWork;

  Scheduler(
      Simulation<?> sim,
      long seed,
      SimulatedClock clock,
      Trace trace,
      FaultPlan faults,
      EffectLedger ledger) {
    this.sim = sim;
    this.seed = seed;
    this.clock = clock;
    this.trace = trace;
    this.faults = faults;
    this.ledger = ledger;
    this.random = faults.random();
  }

  void prepare(Workflow<?> workflow, Store store, Duration lease) {
    this.workflow = workflow;
    this.store = store;
    this.lease = lease;
  }

  Worker add(String id, Function<Worker, ManualEngine> engine) {
    Worker w = new Worker(id, back);
    w.engine = engine.apply(w);
    workers.add(w);
    return w;
  }

  void trigger(String eventId, Object event) {
    pending.add(new Trigger(eventId, event));
  }

  /** Distinct trigger event ids delivered to the engine. */
  Set<String> deliveredTriggers() {
    return delivered;
  }

  /** Workers that failed with an unexpected error (not a simulated crash). */
  List<Violation> failures() {
    return failures;
  }

  /** Where the run exceeded the documented assumption. */
  List<String> assumption() {
    return assumption;
  }

  int actions() {
    return actions;
  }

  /** The worker whose thread is calling, or null on any other thread. */
  Worker current() {
    Worker w = CURRENT.get();
    return w != null && workers.contains(w) ? w : null;
  }

  /** Runs scheduler actions until the run settles (true) or the action budget is spent. */
  boolean run(SimulatedWorld world) {
    while (actions < MAX_ACTIONS) {
      actions++;
      faults.atAction(actions);
      Instant now = clock.instant();
      List<Runnable> options = new ArrayList<>();
      if (!pending.isEmpty()) {
        options.add(this::deliver);
      }
      for (Worker w : workers) {
        if (w.runnableAt(now)) {
          options.add(() -> step(w));
        }
      }
      if (claimMayWork && workers.stream().anyMatch(w -> !w.running())) {
        options.add(this::claim);
      }
      if (outboxMayWork) {
        options.add(this::deliverOutcomes);
      }
      List<TaskEntry> answerable = answerable();
      if (!answerable.isEmpty()) {
        options.add(() -> answer(world, answerable));
      }
      if (options.isEmpty()) {
        if (!advanceTime()) {
          return true;
        }
        continue;
      }
      options.get(random.nextInt(options.size())).run();
    }
    return false;
  }

  /** One delivery pass by each worker, without moving the clock. */
  void deliverOutcomesNow() {
    for (Worker w : workers) {
      trace.note(w.id + " DELIVER outcomes after the run settled: " + w.engine.deliverOutcomes());
    }
  }

  /**
   * Once the run settled: delivers waiting outcomes, moving the clock a minute at a time (retries
   * of failed deliveries wait for their backoff), until {@code done} says every outcome that can be
   * delivered was, or {@link #DELIVERY_BOUND} passes.
   */
  void drainOutbox(java.util.function.BooleanSupplier done) {
    Instant until = clock.instant().plus(DELIVERY_BOUND);
    while (true) {
      for (Worker w : workers) {
        w.engine.deliverOutcomes();
      }
      if (done.getAsBoolean() || !clock.instant().isBefore(until)) {
        return;
      }
      clock.advanceTo(clock.instant().plus(Duration.ofMinutes(1)));
    }
  }

  /** Stops every worker: one still inside an attempt dies there, like a process shut down. */
  void stop() {
    for (Worker w : workers) {
      if (w.running()) {
        w.crash = true;
        w.resume();
      }
      w.engine.stop(Duration.ZERO);
    }
  }

  private void deliver() {
    claimMayWork = true;
    Trigger t = pending.remove(random.nextInt(pending.size()));
    Worker via = workers.get(random.nextInt(workers.size()));
    @SuppressWarnings({"unchecked", "rawtypes"})
    StartResult r = via.engine.start((Workflow) workflow, t.eventId(), t.event());
    delivered.add(t.eventId());
    trace.note(
        via.id
            + " DELIVER trigger "
            + t.eventId()
            + (r instanceof StartResult.Started ? " -> started" : " -> duplicate, ignored"));
    if (faults.duplicateTrigger()) {
      pending.add(t);
      trace.note("FAULT duplicate-trigger " + t.eventId() + " will be delivered again");
    }
  }

  private void deliverOutcomes() {
    Worker via = workers.get(random.nextInt(workers.size()));
    int n = via.engine.deliverOutcomes();
    trace.note(via.id + " DELIVER outcomes: " + n);
    if (n == 0) {
      outboxMayWork = false;
    }
  }

  private void claim() {
    List<Worker> idle = workers.stream().filter(w -> !w.running()).toList();
    Worker w = idle.get(random.nextInt(idle.size()));
    List<TaskEntry> got = store.claimDue(w.id, 1, lease);
    if (got.isEmpty()) {
      claimMayWork = false;
      return;
    }
    TaskEntry entry = got.get(0);
    leases.put(entry.taskId(), clock.instant().plus(lease));
    start(w, entry, "CLAIM");
    List<Worker> others = idle.stream().filter(o -> o != w).toList();
    if (!others.isEmpty() && faults.duplicateTask()) {
      Worker twin = others.get(random.nextInt(others.size()));
      start(twin, entry, "FAULT duplicate-task, also runs");
    }
  }

  private void start(Worker w, TaskEntry entry, String how) {
    w.task = entry;
    w.state = stateTask(entry.taskName());
    w.finished = false;
    w.crash = false;
    w.failure = null;
    w.attempt = null;
    w.attemptActed = false;
    w.pausedLong = false;
    w.callTimeout = null;
    w.at = null;
    w.sleepingUntil = null;
    trace.note(
        w.id + " " + how + " " + entry.taskId() + " (attempts so far " + entry.attempts() + ")");
    w.thread =
        Thread.ofVirtual()
            .name("sim-" + seed + "-" + w.id)
            .start(() -> {
              CURRENT.set(w);
              w.awaitStart();
              try {
                w.engine.runClaimed(entry);
              } catch (SimulatedCrash crash) {
                // The worker died; what it wrote stays in the store.
              } catch (Throwable t) {
                w.failure = t;
              } finally {
                CURRENT.remove();
                w.end();
              }
            });
  }

  /** Resumes {@code w}, first drawing whether it crashes, pauses or is slow at its step. */
  private void step(Worker w) {
    claimMayWork = true;
    boolean wasSleeping = w.sleepingUntil != null;
    if (!wasSleeping && w.at != null) {
      if (faults.crash()) {
        crash(w);
      } else if (w.at == Step.BEFORE_CALL && isAction(w.what)) {
        Fault pause = faults.pause();
        if (pause != null && pause(w, pause)) {
          return;
        }
      } else if (w.at == Step.AFTER_LOCK_WRITE || (w.at == Step.AFTER_CALL && isQuery(w.what))) {
        // Slow before the next call, which the engine must start only within its lock's budget.
        // Not after an action: a pause there longer than the grace is the documented assumption.
        Duration slow = faults.slowStep(w.state == null ? Duration.ZERO : w.state.lockTtl());
        if (!slow.isZero()) {
          w.sleepingUntil = clock.instant().plus(slow);
          trace.note(w.id + " FAULT latency: slow for " + slow.toMillis() + "ms after " + w.at);
          return;
        }
      }
    }
    w.resume();
    if (!w.running()) {
      if (w.failure != null) {
        failures.add(
            new Violation(
                "ENGINE",
                w.id + " failed running " + w.task.taskId() + ": " + describe(w.failure)));
      }
      trace.note(w.id + (w.crash ? " DIED" : " DONE") + " " + w.task.taskId());
      w.task = null;
    }
  }

  private void crash(Worker w) {
    w.crash = true;
    ledger.crashed(w.attempt);
    trace.note(
        w.id
            + " FAULT crash at "
            + w.at
            + " "
            + w.what
            + " of "
            + w.task.taskId()
            + " "
            + ledger.label(w.attempt));
  }

  /**
   * Pauses {@code w} between its lock re-check and its call, moving time while others run; false
   * when there is no grace period to pause within.
   */
  private boolean pause(Worker w, Fault kind) {
    Duration grace = w.state == null ? Duration.ZERO : w.state.lockGrace();
    Duration ttl = w.state == null ? Duration.ZERO : w.state.lockTtl();
    Duration d;
    if (kind == Fault.PAUSE_SHORT) {
      if (grace.isZero()) {
        return false;
      }
      d = Duration.ofMillis(1 + random.nextLong(Math.max(1, grace.toMillis() - 1)));
    } else {
      d = ttl.plusSeconds(1).plusMillis(random.nextLong(1 + grace.toMillis()));
      w.pausedLong = true;
      assumption.add(
          w.id
              + " paused "
              + d
              + " before calling for "
              + w.task.taskId()
              + ", longer than the grace period "
              + grace);
    }
    w.sleepingUntil = clock.instant().plus(d);
    trace.note(
        w.id
            + " FAULT "
            + kind.cliName()
            + " "
            + d
            + " before "
            + w.what
            + " (grace "
            + grace
            + ")");
    return true;
  }

  private List<TaskEntry> answerable() {
    if (sim.agents.isEmpty()) {
      return List.of();
    }
    return store.openTasks().stream()
        .filter(t -> t.todo() && sim.agents.containsKey(t.taskName()))
        .toList();
  }

  private void answer(SimulatedWorld world, List<TaskEntry> open) {
    claimMayWork = true;
    outboxMayWork = true;
    TaskEntry todo = open.get(random.nextInt(open.size()));
    Simulation.Agent agent = sim.agents.get(todo.taskName());
    Engine engine = workers.get(0).engine;
    Optional<Object> model = engine.todos().readModel(agent.principal(), todo.taskId());
    Object command = model.map(m -> agent.agent().answer(m, world)).orElse(null);
    if (command == null) {
      trace.note("AGENT " + agent.principal().name() + " leaves " + todo.taskId() + " open");
      return;
    }
    try {
      Object decided = engine.todos().complete(todo.taskId(), agent.principal(), command);
      trace.note(
          "AGENT "
              + agent.principal().name()
              + " completed "
              + todo.taskId()
              + " -> "
              + decided.getClass().getSimpleName());
    } catch (TodoRejectedException e) {
      trace.note("AGENT " + agent.principal().name() + " rejected: " + e.getMessage());
    }
  }

  /**
   * Moves the clock to the next moment something can happen; false when nothing ever will (the run
   * has settled: no trigger pending, no worker running, no State task open).
   */
  private boolean advanceTime() {
    Instant now = clock.instant();
    Instant next = null;
    for (Worker w : workers) {
      if (w.running() && w.sleepingUntil != null) {
        next = min(next, w.sleepingUntil);
      }
    }
    boolean openState = false;
    for (TaskEntry t : store.openTasks()) {
      if (!t.todo() && t.dueAt() != null) {
        openState = true;
        if (t.dueAt().isAfter(now)) {
          next = min(next, t.dueAt());
        }
        Instant leased = leases.get(t.taskId());
        if (leased != null && leased.isAfter(now)) {
          next = min(next, leased);
        }
      }
    }
    if (next == null) {
      if (!openState && workers.stream().noneMatch(Worker::running) && pending.isEmpty()) {
        return false;
      }
      next = now.plusSeconds(1);
    }
    clock.advanceTo(next);
    claimMayWork = true;
    outboxMayWork = true;
    trace.note("TIME +" + Duration.between(now, next));
    return true;
  }

  // ---- on worker threads (exactly one thread of the run moves at a time)

  StepListener stepListener() {
    return (step, taskId, attempt, what) -> {
      Worker w = current();
      if (w == null) {
        trace.note("- " + step + " " + what + " " + taskId + " by " + attempt);
        return;
      }
      if (!Objects.equals(attempt, w.attempt)) {
        w.attempt = attempt;
        w.attemptActed = false;
        w.pausedLong = false;
      }
      trace.note(w.id + " " + step + " " + what + " " + taskId + " " + ledger.label(attempt));
      if (step == Step.AFTER_DECISION) {
        outboxMayWork = true;
      }
      w.at = step;
      w.what = what;
      try {
        w.handOff();
      } finally {
        w.at = null;
      }
    };
  }

  /** Gives each call of a worker the timeout the engine chose for it. */
  CallTimeouts callTimeouts() {
    return (taskId, timeout) -> {
      Worker w = current();
      if (w != null) {
        w.callTimeout = timeout;
      }
    };
  }

  // ---- helpers

  /** The calls that act: where a pause between the lock re-check and the call matters. */
  private static boolean isAction(String what) {
    return "attempt".equals(what) || "secondStep".equals(what);
  }

  /** The calls that only look, after which another call follows. */
  private static boolean isQuery(String what) {
    return switch (what) {
      case "previous", "firstStep", "firstSteps", "completed" -> true;
      default -> false;
    };
  }

  private StateTask<?, ?> stateTask(String name) {
    return workflow
        .task(name)
        .filter(StateTask.class::isInstance)
        .map(t -> (StateTask<?, ?>) t)
        .orElse(null);
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(t.toString());
    for (StackTraceElement e : t.getStackTrace()) {
      if (s.length() > 2000) {
        break;
      }
      s.append("\n      at ").append(e);
    }
    return s.toString();
  }
}
