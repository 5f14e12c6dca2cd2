package dev.railway.sim;

import dev.railway.definition.NothingDoneException;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.engine.AttemptTimeoutException;
import dev.railway.engine.Engine;
import dev.railway.engine.Step;
import dev.railway.engine.StepListener;
import dev.railway.engine.TodoRejectedException;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * One seeded run: a discrete-event scheduler over W worker threads of which exactly one moves at a
 * time. Each scheduler action is drawn from the seed among what can happen now — deliver a trigger,
 * let an idle worker claim a due task, resume a worker to its next step boundary, let an agent
 * answer a ToDo — and when nothing can, the clock jumps to the next moment something can (a due
 * task, a lease lapsing, a sleeping call or pause ending). Faults are drawn in the first {@link
 * #FAULT_ACTIONS} actions only; afterwards the run must settle (L1).
 */
final class SimulationRun {
  static final int FAULT_ACTIONS = 400;
  static final int MAX_ACTIONS = 5_000;
  private static final double P_CRASH = 0.04;
  private static final double P_DUPLICATE_TASK = 0.2;
  private static final double P_DUPLICATE_TRIGGER = 0.3;
  private static final double P_CALL_FAULT = 0.2;
  private static final double P_PAUSE = 0.2;
  private static final Set<Fault> CALL_FAULTS =
      EnumSet.of(Fault.ERROR, Fault.TIMEOUT, Fault.LOST_RESPONSE, Fault.SLOW_RESPONSE);
  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  private record Trigger(String eventId, Object event) {}

  private final Simulation<?> sim;
  private final long seed;
  private final SplittableRandom random;
  private final SimulatedClock clock = new SimulatedClock();
  private final List<String> trace = new ArrayList<>();
  private final Semaphore back = new Semaphore(0);
  private final List<Worker> workers = new ArrayList<>();
  private final List<SimulatedParty> parties = new ArrayList<>();
  private final Map<String, Integer> effects = new LinkedHashMap<>();
  private final Map<String, Set<String>> crashedAfterEffect = new HashMap<>();
  private final Map<String, String> attempts = new HashMap<>();
  private final Set<String> crashedAttempts = new HashSet<>();
  private final Map<String, Instant> leases = new HashMap<>();
  private final List<Trigger> pending = new ArrayList<>();
  private final Set<String> delivered = new LinkedHashSet<>();
  private final List<String> assumption = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final List<Fault> callFaults;
  private final List<Fault> pauses;
  private Workflow<?> workflow;
  private Store store;
  private Duration lease;
  private int actions;
  private boolean faultsOn = true;
  private boolean claimMayWork = true;

  SimulationRun(Simulation<?> sim, long seed) {
    this.sim = sim;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.callFaults = sim.faults.stream().filter(CALL_FAULTS::contains).toList();
    this.pauses =
        sim.faults.stream().filter(f -> f == Fault.PAUSE_SHORT || f == Fault.PAUSE_LONG).toList();
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
    workflow = sim.workflow.apply(world);
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow " + workflow.id() + " declares no triggerId(...): a simulation needs one");
    }
    lease = shortestLockTtl(workflow);
    Path file = null;
    boolean settled = false;
    try {
      if (sim.sqlite) {
        file = Files.createTempFile("railway-sim-" + seed + "-", ".db");
        store = SqliteStore.open(file, clock);
      } else {
        store = sim.store.open(clock);
      }
      for (int i = 1; i <= sim.workers; i++) {
        workers.add(worker("w" + i));
      }
      for (int i = 0; i < sim.instances; i++) {
        Object event = sim.trigger.apply(i);
        @SuppressWarnings({"unchecked", "rawtypes"})
        String id = (String) ((java.util.function.Function) workflow.triggerId()).apply(event);
        pending.add(new Trigger(id, event));
      }
      settled = loop(world);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SQLite file of seed " + seed, e);
    } finally {
      for (Worker w : workers) {
        if (w.running()) {
          w.crash = true;
          w.resume();
        }
        w.engine.stop(Duration.ZERO);
      }
    }
    try {
      violations.addAll(
          Checks.check(store, workflow, effects, crashedAfterEffect, delivered, parties));
      if (!settled) {
        violations.add(
            new Violation(
                "L1",
                "the run did not settle within "
                    + MAX_ACTIONS
                    + " actions after faults stopped at action "
                    + FAULT_ACTIONS
                    + "; open tasks: "
                    + store.openTasks().stream().map(TaskEntry::taskId).toList()));
      }
    } finally {
      store.close();
      if (file != null) {
        deleteQuietly(file);
      }
    }
    List<Violation> kept = new ArrayList<>();
    for (Violation v : violations) {
      if (!assumption.isEmpty() && Checks.EFFECT_BOUNDS.contains(v.invariant())) {
        assumption.add(v.toString());
      } else {
        kept.add(v);
      }
    }
    return new RunResult(seed, kept, assumption, trace, actions, clock.elapsed());
  }

  private Worker worker(String id) {
    Worker w = new Worker(id, back);
    Engine.Builder b =
        Engine.builder(store)
            .clock(clock)
            .workerId(id)
            .stepListener(listener())
            .synchronousCommits()
            .untimedCalls()
            .lease(lease)
            .workflow(workflow);
    sim.engine.accept(b);
    w.engine = b.build();
    return w;
  }

  /** Runs scheduler actions until the run settles (true) or the action budget is spent. */
  private boolean loop(SimulatedWorld world) {
    while (actions < MAX_ACTIONS) {
      actions++;
      faultsOn = actions <= FAULT_ACTIONS;
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

  private void deliver() {
    claimMayWork = true;
    Trigger t = pending.remove(random.nextInt(pending.size()));
    Worker via = workers.get(random.nextInt(workers.size()));
    @SuppressWarnings({"unchecked", "rawtypes"})
    StartResult r = via.engine.start((Workflow) workflow, t.eventId(), t.event());
    delivered.add(t.eventId());
    note(
        via.id
            + " DELIVER trigger "
            + t.eventId()
            + (r instanceof StartResult.Started ? " -> started" : " -> duplicate, ignored"));
    if (faultsOn && has(Fault.DUPLICATE_TRIGGER) && random.nextDouble() < P_DUPLICATE_TRIGGER) {
      pending.add(t);
      note("FAULT duplicate-trigger " + t.eventId() + " will be delivered again");
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
    if (faultsOn
        && has(Fault.DUPLICATE_TASK)
        && !others.isEmpty()
        && random.nextDouble() < P_DUPLICATE_TASK) {
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
    w.at = null;
    w.sleepingUntil = null;
    note(w.id + " " + how + " " + entry.taskId() + " (attempts so far " + entry.attempts() + ")");
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

  /** Resumes {@code w}, first drawing whether it crashes or pauses at the step it is at. */
  private void step(Worker w) {
    claimMayWork = true;
    boolean wasSleeping = w.sleepingUntil != null;
    if (faultsOn && !wasSleeping && w.at != null) {
      if (has(Fault.CRASH) && random.nextDouble() < P_CRASH) {
        crash(w);
      } else if (w.at == Step.BEFORE_CALL
          && isAction(w.what)
          && !pauses.isEmpty()
          && random.nextDouble() < P_PAUSE) {
        pause(w);
        return;
      }
    }
    w.resume();
    if (!w.running()) {
      if (w.failure != null) {
        violations.add(
            new Violation(
                "ENGINE",
                w.id + " failed running " + w.task.taskId() + ": " + describe(w.failure)));
      }
      note(w.id + (w.crash ? " DIED" : " DONE") + " " + w.task.taskId());
      w.task = null;
    }
  }

  private void crash(Worker w) {
    w.crash = true;
    String attempt = label(w.attempt);
    crashedAttempts.add(attempt);
    note(
        w.id + " FAULT crash at " + w.at + " " + w.what + " of " + w.task.taskId() + " " + attempt);
    if (w.attemptActed && (w.at == Step.AFTER_CALL || w.at == Step.BEFORE_DECISION)) {
      crashedAfterEffect.computeIfAbsent(w.task.taskId(), k -> new LinkedHashSet<>()).add(attempt);
    }
  }

  /** Pauses {@code w} between its lock re-check and its call, moving time while others run. */
  private void pause(Worker w) {
    Fault kind = pauses.get(random.nextInt(pauses.size()));
    Duration grace = w.state == null ? Duration.ZERO : w.state.lockGrace();
    Duration ttl = w.state == null ? Duration.ZERO : w.state.lockTtl();
    Duration d;
    if (kind == Fault.PAUSE_SHORT) {
      if (grace.isZero()) {
        w.resume();
        return;
      }
      d = Duration.ofMillis(1 + random.nextLong(Math.max(1, grace.toMillis() - 1)));
    } else {
      d = ttl.plusSeconds(1).plusMillis(random.nextLong(1 + grace.toMillis()));
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
    note(
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
    TaskEntry todo = open.get(random.nextInt(open.size()));
    Simulation.Agent agent = sim.agents.get(todo.taskName());
    Engine engine = workers.get(0).engine;
    Optional<Object> model = engine.todos().readModel(agent.principal(), todo.taskId());
    Object command = model.map(m -> agent.agent().answer(m, world)).orElse(null);
    if (command == null) {
      note("AGENT " + agent.principal().name() + " leaves " + todo.taskId() + " open");
      return;
    }
    try {
      Object decided = engine.todos().complete(todo.taskId(), agent.principal(), command);
      note(
          "AGENT "
              + agent.principal().name()
              + " completed "
              + todo.taskId()
              + " -> "
              + decided.getClass().getSimpleName());
    } catch (TodoRejectedException e) {
      note("AGENT " + agent.principal().name() + " rejected: " + e.getMessage());
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
    note("TIME +" + Duration.between(now, next));
    return true;
  }

  // ---- on worker threads (exactly one thread of the run moves at a time)

  private StepListener listener() {
    return (step, taskId, attempt, what) -> {
      Worker w = CURRENT.get();
      if (w == null || !workers.contains(w)) {
        note("- " + step + " " + what + " " + taskId + " by " + attempt);
        return;
      }
      if (!Objects.equals(attempt, w.attempt)) {
        w.attempt = attempt;
        w.attemptActed = false;
      }
      note(w.id + " " + step + " " + what + " " + taskId + " " + label(attempt));
      w.at = step;
      w.what = what;
      try {
        w.handOff();
      } finally {
        w.at = null;
      }
    };
  }

  <T> T call(SimulatedParty party, String operation, Callable<T> action) throws Exception {
    Worker w = CURRENT.get();
    if (w == null || !workers.contains(w) || !faultsOn || callFaults.isEmpty()) {
      return action.call();
    }
    if (random.nextDouble() >= P_CALL_FAULT) {
      return action.call();
    }
    Fault fault = callFaults.get(random.nextInt(callFaults.size()));
    String name = party.name() + "." + operation;
    String taskId = w.task.taskId();
    Duration timeout = w.state == null ? Duration.ofSeconds(1) : w.state.attemptTimeout();
    note(w.id + " FAULT " + fault.cliName() + " " + name + " for " + taskId);
    switch (fault) {
      case ERROR -> {
        if (random.nextBoolean()) {
          throw new NothingDoneException(name + " refused before acting (simulated)");
        }
        throw new IOException(name + " failed (simulated)");
      }
      case TIMEOUT -> {
        sleep(w, timeout);
        throw new AttemptTimeoutException(taskId, timeout);
      }
      case LOST_RESPONSE -> {
        action.call();
        throw new IOException("the response of " + name + " was lost (simulated)");
      }
      case SLOW_RESPONSE -> {
        Duration half = timeout.dividedBy(2);
        sleep(w, half);
        action.call();
        sleep(w, timeout.minus(half));
        throw new AttemptTimeoutException(taskId, timeout);
      }
      default -> throw new IllegalStateException("not a call fault: " + fault);
    }
  }

  /** The calling worker waits on the simulated clock while the others may run. */
  private void sleep(Worker w, Duration d) {
    w.sleepingUntil = clock.instant().plus(d);
    w.handOff();
  }

  void effect(SimulatedParty party, String description) {
    Worker w = CURRENT.get();
    boolean mine = w != null && workers.contains(w);
    String taskId = mine ? w.task.taskId() : "(outside an attempt)";
    effects.merge(taskId, 1, Integer::sum);
    if (mine) {
      w.attemptActed = true;
    }
    note((mine ? w.id : "-") + " EFFECT " + party.name() + ": " + description);
  }

  String currentTaskId() {
    Worker w = CURRENT.get();
    return w != null && workers.contains(w) ? w.task.taskId() : null;
  }

  String currentAttempt() {
    Worker w = CURRENT.get();
    return w != null && workers.contains(w) ? label(w.attempt) : null;
  }

  boolean crashed(String attempt) {
    return crashedAttempts.contains(attempt);
  }

  boolean decided(String taskId) {
    return store.decision(taskId).isPresent();
  }

  // ---- helpers

  private boolean has(Fault f) {
    return sim.faults.contains(f);
  }

  /** The calls that act: where a pause between the lock re-check and the call matters. */
  private static boolean isAction(String what) {
    return "attempt".equals(what) || "secondStep".equals(what);
  }

  private String label(String owner) {
    if (owner == null) {
      return "a?";
    }
    return attempts.computeIfAbsent(owner, o -> "a" + (attempts.size() + 1));
  }

  private StateTask<?, ?> stateTask(String name) {
    return workflow
        .task(name)
        .filter(StateTask.class::isInstance)
        .map(t -> (StateTask<?, ?>) t)
        .orElse(null);
  }

  private void note(String line) {
    trace.add("t+" + clock.elapsed().toMillis() + "ms " + line);
  }

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
