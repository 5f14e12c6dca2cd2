package dev.railway.engine;

import dev.railway.definition.Workflow;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.NewInstance;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.StreamAppend;
import dev.railway.store.TaskEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes workflows durably on a {@link Store}. Attempts run on virtual threads; decisions are
 * group-committed; outcomes are delivered to listeners at least once.
 *
 * <p>Two ways to drive it: {@link #startWorkers()} runs a background loop that claims due tasks in
 * batches and sleeps until the next one is due; {@link #runDueTasks()} runs one pass on the
 * caller's thread, for tests that drive time with their own clock.
 *
 * <p>Correctness never depends on this engine being the only one: the same task may run in two
 * processes at once, and the store's one-decision-per-task guarantee and the integration algorithms
 * keep the results right.
 *
 * <p>Not for extension: the one subclass is {@link dev.railway.engine.testing.ManualEngine}, the
 * entry point for tests and simulations that run claimed tasks by hand (the constructor refuses any
 * other).
 *
 * <p>This class is the facade: starts are made by {@code InstanceStarts}, tasks run by {@code
 * TaskRunner} in the {@code WorkerLoop}, decisions recorded by {@code Decisions}, outcomes
 * delivered by {@code OutcomeDispatcher}; how it works is an {@link EngineConfig}.
 */
public class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  /** Parked outcomes are counted up to this many by {@link #health()}. */
  static final int PARKED_COUNT_LIMIT = 1000;

  private final Store store;
  private final EngineConfig config;
  private final WorkflowRegistry registry;
  private final GroupCommit<DecisionRecord, CommitResult> decisions;
  private final GroupCommit<NewInstance, StartResult> starts;
  private final GroupCommit<StreamAppend, Boolean> appends;
  private final InstanceStarts instances;
  private final TaskRunner runner;
  private final TodoInbox todos;
  private final OutcomeDispatcher outcomes;
  private final WorkerLoop loop;
  private final MeterRegistry meters;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledThreadPoolExecutor timeouts;
  private final EngineConfig.Resolved bounds;
  private final int writersPerCommit;

  private Engine(Builder b) {
    this(b, StepListener.NONE, CallTimeouts.NONE);
  }

  /**
   * For {@link dev.railway.engine.testing.ManualEngine} alone: an engine whose attempts report each
   * step boundary to {@code steps}, and, when its executor runs calls on the attempt's thread, each
   * call's timeout to {@code callTimeouts} (a simulation plays the timeout on its own clock).
   *
   * @throws IllegalStateException for any other subclass, or when no workflow is registered
   */
  protected Engine(Builder b, StepListener steps, CallTimeouts callTimeouts) {
    if (getClass() != Engine.class
        && !getClass().getName().equals("dev.railway.engine.testing.ManualEngine")) {
      throw new IllegalStateException("Engine is not for extension: " + getClass().getName());
    }
    if (b.workflows.isEmpty() && b.chained.isEmpty()) {
      throw new IllegalStateException("register at least one workflow");
    }
    EngineConfig config = b.config.build();
    this.store = b.store;
    this.config = config;
    this.meters = b.meters;
    Clock clock = b.clock;
    Duration storeTimeout = config.storeTimeout();
    this.timeouts =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().name("railway-timeouts").daemon(true).unstarted(r));
    // Most waits end well before their timeout: their cancelled timers must not pile up.
    timeouts.setRemoveOnCancelPolicy(true);
    List<Workflow<?>> all = new ArrayList<>(b.workflows);
    all.addAll(b.chained);
    EventCodec codec = new EventCodec();
    this.registry = new WorkflowRegistry(all, codec);
    this.bounds = config.resolve(store.concurrency(), all);
    AttemptBudget.graceShorterThanStoreWaits(all, store.longestWait()).forEach(log::warn);
    Transitions transitions = new Transitions(codec, clock, config.todoRecheck());
    // An executor that runs its task before execute returns (Runnable::run) makes every write and
    // call happen on the thread that reached it: no writer threads, no real-time call timeouts.
    boolean direct = b.executor != null && runsOnCaller(b.executor);
    int writers = direct ? 0 : bounds.writers();
    this.writersPerCommit = writers;
    // The claimer is woken by every recorded decision and start: the next task may be due now.
    Runnable wake = this::wake;
    this.decisions =
        new GroupCommit<>(
            "decisions",
            store::commit,
            Engine::ours,
            config.commitBatch(),
            writers,
            wake,
            storeTimeout,
            timeouts);
    this.starts =
        new GroupCommit<>(
            "starts",
            store::startAll,
            (n, r) -> r,
            config.commitBatch(),
            writers,
            wake,
            storeTimeout,
            timeouts);
    this.appends =
        new GroupCommit<>(
            "appends",
            batch -> {
              store.appendAll(batch);
              return Collections.nCopies(batch.size(), Boolean.TRUE);
            },
            (a, r) -> r,
            a -> Decisions.appended(store, a) ? Boolean.TRUE : null,
            config.commitBatch(),
            writers,
            () -> {},
            storeTimeout,
            timeouts);
    EngineMetrics metrics = new EngineMetrics(meters);
    AttemptSetup setup =
        new AttemptSetup(
            direct
                ? CallGuard.onCallerThread(callTimeouts)
                : new CallGuard(b.executor != null ? b.executor : calls),
            steps,
            b.algorithms,
            b.ticker);
    Traces traces = new Traces(b.tracing, store, config.workerId());
    Decisions recorded =
        new Decisions(transitions, decisions, appends, metrics, setup.steps(), traces);
    this.instances = new InstanceStarts(registry, codec, transitions, starts, traces);
    this.runner =
        new TaskRunner(config, store, registry, codec, recorded, setup, metrics, clock, traces);
    this.todos = new TodoInbox(store, registry, codec, recorded, clock, traces);
    this.outcomes =
        new OutcomeDispatcher(
            store,
            codec,
            b.chained,
            instances::chain,
            config.workerId(),
            bounds.lease(),
            config.outcomeRetry(),
            metrics,
            traces,
            // Seeded by the worker id: workers still spread their retries apart, and a simulated
            // run (fixed worker ids) replays the same retry times from its seed.
            new Random(config.workerId().hashCode()));
    b.listeners.forEach(outcomes::addListener);
    this.loop = new WorkerLoop(config, bounds, store, clock, runner, outcomes);
  }

  private static boolean runsOnCaller(Executor executor) {
    Thread caller = Thread.currentThread();
    Thread[] ran = new Thread[1];
    executor.execute(() -> ran[0] = Thread.currentThread());
    return ran[0] == caller;
  }

  /**
   * A decision commit that failed in flight may have been recorded after all: on the retry the
   * store then answers "already decided" with exactly our decision, which is ours, recorded.
   */
  private static CommitResult ours(DecisionRecord submitted, CommitResult result) {
    if (result instanceof CommitResult.AlreadyDecided d && d.existing().equals(submitted)) {
      return new CommitResult.Recorded();
    }
    return result;
  }

  private void wake() {
    loop.wake();
  }

  public static Builder builder(Store store) {
    return new Builder(store);
  }

  /**
   * Starts an instance for {@code trigger}, using the workflow's {@code triggerId} function.
   *
   * @throws StoreUnavailableException when the store did not confirm the start within the {@link
   *     EngineConfig#storeTimeout()}; the start may still happen, and calling again is safe (the
   *     trigger is deduplicated by its event id)
   */
  public <T> StartResult trigger(Workflow<T> workflow, T trigger) {
    return instances.trigger(workflow, trigger);
  }

  /**
   * Starts an instance for {@code trigger} unless {@code eventId} was seen before for this
   * workflow: a redelivered trigger returns the existing instance and starts nothing.
   *
   * <p>Concurrent calls are group-committed: one store transaction starts the instances of many
   * callers.
   *
   * @throws StoreUnavailableException when the store did not confirm the start within the {@link
   *     EngineConfig#storeTimeout()} (calling again is safe)
   */
  public <T> StartResult start(Workflow<T> workflow, String eventId, T trigger) {
    return instances.start(workflow, eventId, trigger);
  }

  /**
   * Starts an instance for each trigger, using the workflow's {@code triggerId} function, in as few
   * store transactions as the batch allows (a consumer that receives events in batches, say). Each
   * trigger is deduplicated by its event id as in {@link #trigger}.
   *
   * @return one result per trigger, in order
   * @throws StoreUnavailableException when the store did not confirm every start within the {@link
   *     EngineConfig#storeTimeout()} (calling again with the same triggers is safe)
   */
  public <T> List<StartResult> triggerAll(Workflow<T> workflow, List<T> triggers) {
    return instances.triggerAll(workflow, triggers);
  }

  /** Open ToDos and their completion. */
  public TodoInbox todos() {
    return todos;
  }

  /** The workflows this engine runs, as registered (validated). */
  public List<Workflow<?>> workflows() {
    return registry.all();
  }

  /**
   * Receives every outcome, at least once, under a stable event id. Among engines sharing a store,
   * one delivers each outcome (entries are leased); a delivery that fails is retried for that
   * outcome alone and parked after {@link EngineConfig#outcomeRetry()} failures ({@link
   * Store#parkedOutcomes} lists them).
   */
  public void onOutcome(OutcomeListener listener) {
    outcomes.addListener(Objects.requireNonNull(listener, "listener"));
  }

  public MeterRegistry meters() {
    return meters;
  }

  public Store store() {
    return store;
  }

  /** This engine's worker id, as written in leases and lock owners. */
  public String workerId() {
    return config.workerId();
  }

  /** How this engine works, as configured (bounds derived from the store are not filled in). */
  public EngineConfig config() {
    return config;
  }

  /**
   * Runs one pass on the caller's thread: claims every task due by now, runs them concurrently,
   * waits for them, and delivers outcomes.
   *
   * @return how many tasks were run
   */
  public int runDueTasks() {
    return loop.runDueTasks();
  }

  /**
   * Runs one task that the caller claimed from the store (with {@link Store#claimDue} under this
   * engine's {@link #workerId()}) on the caller's thread: the expiry check, one attempt of its
   * algorithm, then the decision, a retry or an abort — what the worker loop does for each claimed
   * task. For {@link dev.railway.engine.testing.ManualEngine}, where tests and simulations decide
   * which worker runs what, and when.
   */
  protected void runClaimed(TaskEntry claimed) {
    runner.run(Objects.requireNonNull(claimed, "claimed"));
  }

  /**
   * Delivers waiting outcomes to listeners and chained workflows on the caller's thread.
   *
   * @return how many were delivered
   */
  public int deliverOutcomes() {
    return outcomes.deliverPending();
  }

  /** Starts the background loops that claim due tasks and deliver outcomes. */
  public Engine startWorkers() {
    if (loop.start()) {
      log.info(
          "engine {} started: {} workflow(s), lease {}, at most {} attempts in flight, {} writer(s)"
              + " per group commit, store serves {} call(s) at once",
          config.workerId(),
          registry.all().size(),
          bounds.lease(),
          bounds.maxInFlight(),
          writersPerCommit,
          store.concurrency() == Integer.MAX_VALUE ? "any number" : store.concurrency());
    }
    return this;
  }

  /**
   * The engine's view of itself: whether the store answers (asked now, within the store's own
   * timeouts), whether the claim loop goes round, how late the earliest due task is, how many
   * outcomes are parked, and attempts in flight against their bound.
   */
  public EngineHealth health() {
    boolean reachable;
    Duration lag = null;
    int parked = -1;
    try {
      Instant now = store.now();
      lag =
          store
              .nextDueAt()
              .map(due -> due.isBefore(now) ? Duration.between(due, now) : Duration.ZERO)
              .orElse(Duration.ZERO);
      parked = store.parkedOutcomes(PARKED_COUNT_LIMIT).size();
      reachable = true;
    } catch (RuntimeException e) {
      reachable = false;
    }
    return new EngineHealth(
        reachable,
        loop.storeDownSince(),
        loop.alive(),
        lag,
        parked,
        loop.busy(),
        loop.maxInFlight());
  }

  /**
   * Graceful shutdown: stops claiming, lets in-flight attempts finish up to {@code deadline}, then
   * interrupts what is left (their locks expire and another worker takes over). Returns within
   * {@code deadline} plus the {@link EngineConfig#storeTimeout()}, whatever the store does: what is
   * not written by then stays for the next worker (tasks are claimed again when their leases end,
   * outcomes stay in the outbox).
   *
   * @return true if every in-flight attempt finished in time
   */
  public boolean stop(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos() + config.storeTimeout().toNanos();
    boolean clean = loop.stopAttempts(deadline, end);
    decisions.close(left(end));
    appends.close(left(end));
    loop.joinDeliverer(end);
    // Before the starts close: a chained workflow started by this last pass needs them.
    if (left(end).isPositive()) {
      try {
        outcomes.deliverPending();
      } catch (RuntimeException e) {
        log.warn("last outcome delivery failed; outcomes stay in the outbox: {}", e.toString());
      }
    }
    starts.close(left(end));
    calls.shutdownNow();
    timeouts.shutdownNow();
    return clean;
  }

  private static Duration left(long endNanos) {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /** Stops with a 30-second grace for in-flight attempts. The store is not closed. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /**
   * Configures an {@link Engine}: its store, clock, workflows, listeners and meters, and an {@link
   * EngineConfig} (set whole with {@link #config}, or value by value with the shortcuts here, which
   * are checked as the config's builder checks them, showing a bad value).
   */
  public static final class Builder {
    private final Store store;
    private Clock clock = Clock.systemUTC();
    private final List<Workflow<?>> workflows = new ArrayList<>();
    private final List<Workflow<?>> chained = new ArrayList<>();
    private final List<OutcomeListener> listeners = new ArrayList<>();
    private Tracing tracing = Tracing.NONE;
    private MeterRegistry meters = new SimpleMeterRegistry();
    private EngineConfig.Builder config = EngineConfig.custom();
    private Executor executor;
    private Algorithms algorithms = Algorithms.STANDARD;
    private Ticker ticker = Ticker.SYSTEM;

    private Builder(Store store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      // Attempt budgets are then measured on this clock too, so tests and simulations that move it
      // spend them.
      this.ticker = Ticker.of(clock);
      return this;
    }

    /** Replaces every value of the configuration with {@code config}'s. */
    public Builder config(EngineConfig config) {
      this.config = EngineConfig.from(config);
      return this;
    }

    public Builder workflow(Workflow<?> workflow) {
      workflows.add(Objects.requireNonNull(workflow, "workflow"));
      return this;
    }

    /** Registers {@code workflow} and starts it with every outcome that fits its trigger type. */
    public Builder chain(Workflow<?> workflow) {
      chained.add(Objects.requireNonNull(workflow, "workflow"));
      return this;
    }

    public Builder onOutcome(OutcomeListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Reports task runs, ToDo commands and outcome deliveries as spans, each instance in the trace
     * its trigger arrived in (default: {@link Tracing#NONE}).
     */
    public Builder tracing(Tracing tracing) {
      this.tracing = Objects.requireNonNull(tracing, "tracing");
      return this;
    }

    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meterRegistry");
      return this;
    }

    /** See {@link EngineConfig.Builder#workerId}. */
    public Builder workerId(String workerId) {
      config.workerId(workerId);
      return this;
    }

    /** See {@link EngineConfig.Builder#batchSize}. */
    public Builder batchSize(int batchSize) {
      config.batchSize(batchSize);
      return this;
    }

    /** See {@link EngineConfig.Builder#maxInFlight}. */
    public Builder maxInFlight(int maxInFlight) {
      config.maxInFlight(maxInFlight);
      return this;
    }

    /** See {@link EngineConfig.Builder#commitBatch}. */
    public Builder commitBatch(int commitBatch) {
      config.commitBatch(commitBatch);
      return this;
    }

    /** See {@link EngineConfig.Builder#writers}. */
    public Builder writers(int writers) {
      config.writers(writers);
      return this;
    }

    /** See {@link EngineConfig.Builder#pollInterval}. */
    public Builder pollInterval(Duration pollInterval) {
      config.pollInterval(pollInterval);
      return this;
    }

    /** See {@link EngineConfig.Builder#lease}. */
    public Builder lease(Duration lease) {
      config.lease(lease);
      return this;
    }

    /** See {@link EngineConfig.Builder#outcomeRetry}. */
    public Builder outcomeRetry(OutcomeRetry outcomeRetry) {
      config.outcomeRetry(outcomeRetry);
      return this;
    }

    /** See {@link EngineConfig.Builder#storeTimeout}. */
    public Builder storeTimeout(Duration storeTimeout) {
      config.storeTimeout(storeTimeout);
      return this;
    }

    /** See {@link EngineConfig.Builder#todoRecheck}. */
    public Builder todoRecheck(Duration todoRecheck) {
      config.todoRecheck(todoRecheck);
      return this;
    }

    /**
     * Where third-party calls run (default: a virtual thread per call, interrupted when the call's
     * timeout passes, as the attempt budget requires). Like Caffeine's executor, a direct executor
     * ({@code Runnable::run}) runs the work on the thread that reached it: each call on the
     * attempt's own thread with no real-time timeout, and each decision, start and attempt record
     * written in a transaction of its own on that thread instead of being group-committed by writer
     * threads. That is for tests and simulations that drive time with a clock of their own (see
     * {@link dev.railway.engine.testing.ManualEngine}); production keeps the default.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Substitutes the algorithms: for mutation tests only, hence package-private. */
    Builder algorithms(Algorithms algorithms) {
      this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws dev.railway.validation.InvalidWorkflowException with the validator's report when a
     *     workflow is invalid
     * @throws IllegalArgumentException when the configuration does not fit the store (see {@link
     *     EngineConfig.Builder#writers})
     */
    public Engine build() {
      return new Engine(this);
    }
  }
}
