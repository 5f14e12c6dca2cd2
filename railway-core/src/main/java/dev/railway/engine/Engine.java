package dev.railway.engine;

import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Store store;
  private final Clock clock;
  private final WorkflowRegistry registry;
  private final EventCodec codec = new EventCodec();
  private final Transitions transitions;
  private final GroupCommit<DecisionRecord, CommitResult> decisions;
  private final GroupCommit<NewInstance, StartResult> starts;
  private final GroupCommit<StreamAppend, Boolean> appends;
  private final TaskRunner runner;
  private final TodoInbox todos;
  private final OutcomeDispatcher outcomes;
  private final MeterRegistry meters;
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledThreadPoolExecutor timeouts;
  private final Duration storeTimeout;
  private final String workerId;
  private final int batchSize;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final int writersPerCommit;
  private final Duration pollInterval;
  private final Duration lease;
  private final Object wakeUp = new Object();
  private final StoreWatch storeWatch;
  private final Traces traces;
  private final java.util.concurrent.atomic.LongAdder claimedSinceSummary =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder deliveredSinceSummary =
      new java.util.concurrent.atomic.LongAdder();
  private volatile long claimHeartbeat = System.nanoTime();

  /** How often a busy or troubled engine says how it is doing. */
  private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

  /** Parked outcomes are counted up to this many by {@link #health()}. */
  static final int PARKED_COUNT_LIMIT = 1000;

  private boolean wakeRequested;
  private Store.Subscription dueWork;
  private volatile boolean running;
  private Thread claimer;
  private Thread deliverer;

  private Engine(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.meters = b.meters;
    this.workerId = b.workerId;
    this.batchSize = b.batchSize;
    this.maxInFlight = b.resolvedMaxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.pollInterval = b.pollInterval;
    this.storeWatch = new StoreWatch(workerId, pollInterval, new java.util.Random());
    this.storeTimeout = b.storeTimeout;
    this.traces = new Traces(b.tracing, store, workerId);
    this.timeouts =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().name("railway-timeouts").daemon(true).unstarted(r));
    // Most waits end well before their timeout: their cancelled timers must not pile up.
    timeouts.setRemoveOnCancelPolicy(true);
    List<Workflow<?>> all = new ArrayList<>(b.workflows);
    all.addAll(b.chained);
    this.registry = new WorkflowRegistry(all, codec);
    this.lease = b.lease != null ? b.lease : defaultLease(all);
    AttemptBudget.graceShorterThanStoreWaits(all, store.longestWait()).forEach(log::warn);
    this.transitions = new Transitions(codec, clock, b.todoRecheck);
    int writers = b.synchronousCommits ? 0 : b.resolvedWriters;
    this.writersPerCommit = writers;
    this.decisions =
        new GroupCommit<>(
            "decisions",
            store::commit,
            Engine::ours,
            b.commitBatch,
            writers,
            this::wake,
            storeTimeout,
            timeouts);
    this.starts =
        new GroupCommit<>(
            "starts",
            store::startAll,
            (n, r) -> r,
            b.commitBatch,
            writers,
            this::wake,
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
            a -> TaskRunner.appended(store, a) ? Boolean.TRUE : null,
            b.commitBatch,
            writers,
            () -> {},
            storeTimeout,
            timeouts);
    EngineMetrics metrics = new EngineMetrics(meters);
    this.runner =
        new TaskRunner(
            store,
            registry,
            codec,
            transitions,
            decisions,
            appends,
            b.untimedCalls ? CallGuard.onCallerThread(b.callTimeouts) : new CallGuard(calls),
            metrics,
            clock,
            workerId,
            b.todoRecheck,
            b.steps,
            b.algorithms,
            b.ticker,
            traces);
    this.todos = new TodoInbox(store, registry, codec, runner, clock, traces);
    this.outcomes =
        new OutcomeDispatcher(
            store,
            codec,
            b.chained,
            this,
            workerId,
            lease,
            b.outcomeRetry,
            metrics,
            traces,
            // Seeded by the worker id: workers still spread their retries apart, and a simulated
            // run (fixed worker ids) replays the same retry times from its seed.
            new java.util.Random(workerId.hashCode()));
    b.listeners.forEach(outcomes::addListener);
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

  /** Leases outlive the longest lock so a healthy worker is not raced by its peers. */
  private static Duration defaultLease(List<Workflow<?>> workflows) {
    Duration longest = Duration.ZERO;
    for (Workflow<?> w : workflows) {
      for (Task<?> t : w.tasks()) {
        if (t instanceof StateTask<?, ?> s && s.lockTtl().compareTo(longest) > 0) {
          longest = s.lockTtl();
        }
      }
    }
    Duration lease = longest.multipliedBy(2);
    return lease.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : lease;
  }

  public static Builder builder(Store store) {
    return new Builder(store);
  }

  /**
   * Starts an instance for {@code trigger}, using the workflow's {@code triggerId} function.
   *
   * @throws StoreUnavailableException when the store did not confirm the start within the {@link
   *     Builder#storeTimeout}; the start may still happen, and calling again is safe (the trigger
   *     is deduplicated by its event id)
   */
  public <T> StartResult trigger(Workflow<T> workflow, T trigger) {
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " declares no triggerId(...): pass the event id explicitly");
    }
    return start(workflow, workflow.triggerId().apply(trigger), trigger);
  }

  /**
   * Starts an instance for {@code trigger} unless {@code eventId} was seen before for this
   * workflow: a redelivered trigger returns the existing instance and starts nothing.
   *
   * <p>Concurrent calls are group-committed: one store transaction starts the instances of many
   * callers.
   *
   * @throws StoreUnavailableException when the store did not confirm the start within the {@link
   *     Builder#storeTimeout} (calling again is safe)
   */
  public <T> StartResult start(Workflow<T> workflow, String eventId, T trigger) {
    return refuseTakenTaskId(
        workflow, eventId, started(starts.submit(newInstance(workflow, eventId, trigger))));
  }

  private static StartResult refuseTakenTaskId(
      Workflow<?> workflow, String eventId, StartResult result) {
    if (result instanceof StartResult.DuplicateTaskId d) {
      throw new IllegalStateException(
          "workflow %s cannot start for event %s: its first task's id %s is already taken by"
                  .formatted(workflow.id(), eventId, d.taskId())
              + " another instance; the identifier must be unique per action");
    }
    return result;
  }

  /** Waits for a start; a refusal by the store reaches the caller as the store threw it. */
  private static StartResult started(CompletableFuture<StartResult> pending) {
    try {
      return pending.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Starts an instance for each trigger, using the workflow's {@code triggerId} function, in as few
   * store transactions as the batch allows (a consumer that receives events in batches, say). Each
   * trigger is deduplicated by its event id as in {@link #trigger}.
   *
   * @return one result per trigger, in order
   * @throws StoreUnavailableException when the store did not confirm every start within the {@link
   *     Builder#storeTimeout} (calling again with the same triggers is safe)
   */
  public <T> List<StartResult> triggerAll(Workflow<T> workflow, List<T> triggers) {
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " declares no triggerId(...): start each trigger with its event id");
    }
    List<CompletableFuture<StartResult>> pending = new ArrayList<>(triggers.size());
    for (T trigger : triggers) {
      pending.add(
          starts.submit(newInstance(workflow, workflow.triggerId().apply(trigger), trigger)));
    }
    List<StartResult> results = new ArrayList<>(pending.size());
    for (CompletableFuture<StartResult> p : pending) {
      results.add(started(p));
    }
    // Every other trigger of the batch is started before a taken task id is refused.
    for (int i = 0; i < results.size(); i++) {
      refuseTakenTaskId(workflow, workflow.triggerId().apply(triggers.get(i)), results.get(i));
    }
    return results;
  }

  private <T> NewInstance newInstance(Workflow<T> workflow, String eventId, T trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException(
          "trigger event id must not be blank; was '" + eventId + "'");
    }
    Workflow<?> registered = registry.workflow(workflow.id());
    if (!registered.triggerType().isInstance(trigger)) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " is triggered by "
              + registered.triggerType().getName()
              + ", not "
              + trigger.getClass().getName());
    }
    String instanceId = registered.name() + ":" + eventId;
    Task<?> first = registered.task(registered.startTask()).orElseThrow();
    TaskEntry entry = transitions.enter(registered, first, instanceId, trigger);
    return new NewInstance(
        instanceId, registered.id(), eventId, codec.encode(trigger), entry, traces.capture());
  }

  void startChained(Workflow<?> next, String eventId, Object outcome) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    StartResult r = start((Workflow) next, eventId, outcome);
    log.debug("outcome {} chained into {}: {}", eventId, next.id(), r);
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
   * outcome alone and parked after {@link Builder#outcomeRetry} failures ({@link
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
    return workerId;
  }

  /**
   * Runs one pass on the caller's thread: claims every task due by now, runs them concurrently,
   * waits for them, and delivers outcomes.
   *
   * @return how many tasks were run
   */
  public int runDueTasks() {
    // Claim everything due before running any of it: a task that an attempt of this pass makes
    // due again at once (an abort whose own lock expired, a zero backoff) belongs to the next pass,
    // so one pass runs each task at most once and a test driving the clock sees the same pass
    // every time.
    List<TaskEntry> due = new ArrayList<>();
    for (List<TaskEntry> batch = store.claimDue(workerId, batchSize, lease);
        !batch.isEmpty();
        batch = store.claimDue(workerId, batchSize, lease)) {
      due.addAll(batch);
    }
    List<Future<?>> running = new ArrayList<>();
    for (TaskEntry e : due) {
      running.add(attempts.submit(() -> runner.run(e)));
    }
    int ran = due.size();
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running due tasks", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a task run failed", e.getCause());
      }
    }
    outcomes.deliverPending();
    return ran;
  }

  /**
   * Runs one task that the caller claimed from the store (with {@link Store#claimDue} under this
   * engine's {@link #workerId()}) on the caller's thread: the expiry check, one attempt of its
   * algorithm, then the decision, a retry or an abort — what the worker loop does for each claimed
   * task. For simulations and tests that decide which worker runs what, and when.
   */
  public void runClaimed(TaskEntry claimed) {
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
  public synchronized Engine startWorkers() {
    if (running) {
      return this;
    }
    running = true;
    // Other processes' new work wakes the claimer at once where the store can tell (PostgreSQL's
    // LISTEN/NOTIFY); polling stays the fallback.
    dueWork = store.onDueWork(this::wake);
    claimer = Thread.ofPlatform().name("railway-claimer").daemon(true).start(this::claimLoop);
    deliverer = Thread.ofPlatform().name("railway-outcomes").daemon(true).start(this::deliverLoop);
    log.info(
        "engine {} started: {} workflow(s), lease {}, at most {} attempts in flight, {} writer(s)"
            + " per group commit, store serves {} call(s) at once",
        workerId,
        registry.all().size(),
        lease,
        maxInFlight,
        writersPerCommit,
        store.concurrency() == Integer.MAX_VALUE ? "any number" : store.concurrency());
    return this;
  }

  private void claimLoop() {
    boolean announced = false;
    long nextSummary = System.nanoTime() + SUMMARY_INTERVAL.toNanos();
    while (running) {
      claimHeartbeat = System.nanoTime();
      try {
        if (!announced) {
          announceResume();
          announced = true;
        }
        if (claimHeartbeat - nextSummary >= 0) {
          summarize();
          nextSummary = claimHeartbeat + SUMMARY_INTERVAL.toNanos();
        }
        int free = inFlight.availablePermits();
        if (free == 0) {
          // Bounded, so that a stop is seen even when every attempt hangs.
          if (inFlight.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release();
          }
          continue;
        }
        List<TaskEntry> claimed = store.claimDue(workerId, Math.min(batchSize, free), lease);
        storeWatch.answered(clock.instant());
        claimedSinceSummary.add(claimed.size());
        for (TaskEntry e : claimed) {
          // Never waits: only this thread takes permits, and it claimed no more than were free.
          inFlight.acquire();
          attempts.submit(() -> {
            try {
              runner.run(e);
            } finally {
              inFlight.release();
            }
          });
        }
        if (claimed.isEmpty()) {
          sleepUntilDue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreUnavailableException e) {
        // Nothing new is claimed or started while the store is away: no pile of waiters.
        backOff(storeWatch.failed(clock.instant(), "claiming due tasks", e));
      } catch (RuntimeException e) {
        log.warn("claiming due tasks failed; retrying after {}: {}", pollInterval, e.toString());
        pause(pollInterval);
      }
    }
  }

  /** Says once, when the store first answers, how much work this engine takes up again. */
  private void announceResume() {
    List<TaskEntry> open = store.openTasks();
    long instances = open.stream().map(TaskEntry::instanceId).distinct().count();
    long todos = open.stream().filter(TaskEntry::todo).count();
    storeWatch.answered(clock.instant());
    log.info(
        "engine {}: store reachable; resuming {} unfinished instance(s): {} task(s) due or leased,"
            + " {} open ToDo(s)",
        workerId,
        instances,
        open.size() - todos,
        todos);
  }

  /** One line per interval, instead of one per event: only when something happened. */
  private void summarize() {
    long claimed = claimedSinceSummary.sumThenReset();
    long delivered = deliveredSinceSummary.sumThenReset();
    int busy = maxInFlight - inFlight.availablePermits();
    Instant down = storeWatch.downSince();
    if (claimed == 0 && delivered == 0 && busy == 0 && down == null) {
      return;
    }
    log.info(
        "engine {}: last {}: {} task(s) claimed, {} outcome(s) delivered; {} of {} attempts in"
            + " flight; store {}",
        workerId,
        SUMMARY_INTERVAL,
        claimed,
        delivered,
        busy,
        maxInFlight,
        down == null ? "reachable" : "unavailable since " + down + ": " + storeWatch.lastError());
  }

  private void deliverLoop() {
    while (running) {
      try {
        int delivered = outcomes.deliverPending();
        storeWatch.answered(clock.instant());
        deliveredSinceSummary.add(delivered);
        if (delivered == 0) {
          pause(pollInterval);
        }
      } catch (StoreUnavailableException e) {
        backOff(storeWatch.failed(clock.instant(), "delivering outcomes", e));
      } catch (RuntimeException e) {
        log.warn("delivering outcomes failed; retrying: {}", e.toString());
        pause(pollInterval);
      }
    }
  }

  /** Pauses for {@code wait}; unlike {@link #pause}, wake-ups do not cut it short, a stop does. */
  private void backOff(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    synchronized (wakeUp) {
      try {
        for (long left = wait.toNanos(); running && left > 0; left = end - System.nanoTime()) {
          wakeUp.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The engine's view of itself: whether the store answers (asked now, within the store's own
   * timeouts), whether the claim loop goes round, how late the earliest due task is, how many
   * outcomes are parked, and attempts in flight against their bound.
   */
  public EngineHealth health() {
    boolean alive =
        running
            && claimer != null
            && claimer.isAlive()
            && System.nanoTime() - claimHeartbeat
                < pollInterval.plus(StoreWatch.MAX_BACKOFF).plus(storeTimeout).toNanos();
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
        storeWatch.downSince(),
        alive,
        lag,
        parked,
        maxInFlight - inFlight.availablePermits(),
        maxInFlight);
  }

  private void sleepUntilDue() {
    Duration wait = pollInterval;
    Instant next = store.nextDueAt().orElse(null);
    if (next != null) {
      Duration untilDue = Duration.between(clock.instant(), next);
      if (untilDue.compareTo(wait) < 0) {
        wait = untilDue.isNegative() ? Duration.ofMillis(1) : untilDue;
      }
    }
    pause(wait);
  }

  private void pause(Duration wait) {
    synchronized (wakeUp) {
      try {
        // A wake-up that came while we were busy (claiming) is not lost: it ends the pause at once.
        if (!wakeRequested) {
          wakeUp.wait(Math.max(1, wait.toMillis()));
        }
        wakeRequested = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wake() {
    synchronized (wakeUp) {
      wakeRequested = true;
      wakeUp.notifyAll();
    }
  }

  /**
   * Graceful shutdown: stops claiming, lets in-flight attempts finish up to {@code deadline}, then
   * interrupts what is left (their locks expire and another worker takes over). Returns within
   * {@code deadline} plus the {@link Builder#storeTimeout}, whatever the store does: what is not
   * written by then stays for the next worker (tasks are claimed again when their leases end,
   * outcomes stay in the outbox).
   *
   * @return true if every in-flight attempt finished in time
   */
  public boolean stop(Duration deadline) {
    synchronized (this) {
      running = false;
      if (dueWork != null) {
        dueWork.close();
      }
    }
    long end = System.nanoTime() + deadline.toNanos() + storeTimeout.toNanos();
    wake();
    join(claimer, end);
    attempts.shutdown();
    boolean clean;
    try {
      clean = attempts.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clean = false;
    }
    if (!clean) {
      log.warn(
          "{} attempt(s) still running after {}; interrupting them",
          maxInFlight - inFlight.availablePermits(),
          deadline);
      attempts.shutdownNow();
    }
    decisions.close(left(end));
    appends.close(left(end));
    join(deliverer, end);
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

  private static void join(Thread t, long endNanos) {
    if (t == null) {
      return;
    }
    try {
      long left = endNanos - System.nanoTime();
      if (left > 0) {
        t.join(Duration.ofNanos(left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops with a 30-second grace for in-flight attempts. The store is not closed. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /** Configures an {@link Engine}; every value is checked and a bad one is shown in the error. */
  public static final class Builder {
    private final Store store;
    private Clock clock = Clock.systemUTC();
    private final List<Workflow<?>> workflows = new ArrayList<>();
    private final List<Workflow<?>> chained = new ArrayList<>();
    private final List<OutcomeListener> listeners = new ArrayList<>();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private int batchSize = 64;
    private Integer maxInFlight;
    private int resolvedMaxInFlight;
    private int commitBatch = 256;
    private Integer writers;
    private int resolvedWriters;
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration lease;
    private Duration todoRecheck = Duration.ofMinutes(1);
    private StepListener steps = StepListener.NONE;
    private Tracing tracing = Tracing.NONE;
    private boolean synchronousCommits;
    private boolean untimedCalls;
    private CallTimeouts callTimeouts = CallTimeouts.NONE;
    private Algorithms algorithms = Algorithms.STANDARD;
    private Ticker ticker = Ticker.SYSTEM;
    private OutcomeRetry outcomeRetry = OutcomeRetry.defaults();
    private Duration storeTimeout = Duration.ofSeconds(30);

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

    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meterRegistry");
      return this;
    }

    public Builder workerId(String workerId) {
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank; was '" + workerId + "'");
      }
      this.workerId = workerId;
      return this;
    }

    /** How many due tasks one claim takes (default 64). */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive(batchSize, "batchSize");
      return this;
    }

    /**
     * How many attempts may run at once (they are virtual threads). Default: 16 per connection the
     * store serves at once ({@link Store#concurrency()}), at least 64 and at most 4096: 128 for a
     * pool of 8, 64 for SQLite, 4096 in memory. More is allowed (thousands of slow third-party
     * calls in flight): attempts beyond what the store serves then wait their turn for it, each
     * wait bounded by the store's connection timeout.
     */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = positive(maxInFlight, "maxInFlight");
      return this;
    }

    /** How many decisions one group commit may carry (default 256). */
    public Builder commitBatch(int commitBatch) {
      this.commitBatch = positive(commitBatch, "commitBatch");
      return this;
    }

    /**
     * How many group commits of each kind (decisions, starts, attempt records) may be written at
     * once. Default: what leaves the pool room for the claimer, the outcome deliverer and the
     * attempts' own reads, {@code (concurrency - 2) / 3} between 1 and 4 (2 for a pool of 8).
     * Checked at build: the three kinds' writers plus the claimer and the deliverer must fit in
     * what the store serves at once ({@code 3 * writers + 2 <= concurrency}); a store that
     * serializes every call (SQLite) takes any number, which only take turns.
     */
    public Builder writers(int writers) {
      this.writers = positive(writers, "writers");
      return this;
    }

    /** Longest idle sleep between claims (default 200 ms). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Lease on claimed tasks (default: twice the longest lock TTL, at least 10 s). */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /**
     * How a failed outcome delivery is retried, and after how many failures it is parked (default
     * {@link OutcomeRetry#defaults()}).
     */
    public Builder outcomeRetry(OutcomeRetry outcomeRetry) {
      this.outcomeRetry = Objects.requireNonNull(outcomeRetry, "outcomeRetry");
      return this;
    }

    /**
     * How long a blocking call ({@code trigger}, {@code triggerAll}, {@code todos().complete}, each
     * write of an attempt) waits for the store before it fails with {@link
     * StoreUnavailableException} (default 30 s); also how long a write is retried while the store
     * is unavailable, and the part of {@link Engine#stop} spent on writing what is left.
     */
    public Builder storeTimeout(Duration storeTimeout) {
      this.storeTimeout = positive(storeTimeout, "storeTimeout");
      return this;
    }

    /** How often a ToDo with a stillNeeded check is looked at (default 1 min). */
    public Builder todoRecheck(Duration todoRecheck) {
      this.todoRecheck = positive(todoRecheck, "todoRecheck");
      return this;
    }

    /**
     * Sees every step boundary of every attempt (default: {@link StepListener#NONE}). For
     * simulation and tracing.
     */
    public Builder stepListener(StepListener listener) {
      this.steps = Objects.requireNonNull(listener, "stepListener");
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

    /**
     * Records each decision on the thread that reached it, in a transaction of its own, instead of
     * group-committing on a writer thread. For simulation, where a seeded scheduler must control
     * when each decision is recorded; production keeps group commit (the default).
     */
    public Builder synchronousCommits() {
      this.synchronousCommits = true;
      return this;
    }

    /**
     * Calls third parties on the attempt's own thread with no real-time timeout. For simulation
     * only: the simulated third party enforces the attempt timeout on the simulated clock, throwing
     * {@link AttemptTimeoutException}. Without it (the default) a call runs on a virtual thread and
     * is interrupted when the attempt timeout passes.
     */
    public Builder untimedCalls() {
      return untimedCalls(CallTimeouts.NONE);
    }

    /**
     * As {@link #untimedCalls()}, telling {@code timeouts} the timeout of each call, so that the
     * simulated third party can cut the call when that timeout passes on the simulated clock.
     */
    public Builder untimedCalls(CallTimeouts timeouts) {
      this.untimedCalls = true;
      this.callTimeouts = Objects.requireNonNull(timeouts, "timeouts");
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
     */
    public Engine build() {
      if (workflows.isEmpty() && chained.isEmpty()) {
        throw new IllegalStateException("register at least one workflow");
      }
      resolveBounds(store.concurrency());
      return new Engine(this);
    }

    /** In-flight work bounded by what the store can serve; see {@link #writers} and co. */
    private void resolveBounds(int concurrency) {
      boolean bounded = concurrency != Integer.MAX_VALUE;
      if (writers != null) {
        if (bounded && concurrency > 1 && 3 * writers + 2 > concurrency) {
          throw new IllegalArgumentException(
              ("writers(%d) needs up to 3 x %d = %d store connections at once for the group"
                      + " commits (decisions, starts, attempt records), plus 2 for the claimer and"
                      + " the outcome deliverer = %d, but the store serves %d at once (its"
                      + " connection pool size): use writers(%d) or fewer, or a larger pool")
                  .formatted(
                      writers,
                      writers,
                      3 * writers,
                      3 * writers + 2,
                      concurrency,
                      Math.max(1, (concurrency - 2) / 3)));
        }
        resolvedWriters = writers;
      } else {
        resolvedWriters = bounded ? Math.clamp((concurrency - 2) / 3, 1, 4) : 4;
      }
      int derived = bounded ? (int) Math.clamp(16L * concurrency, 64, 4096) : 4096;
      resolvedMaxInFlight = maxInFlight != null ? maxInFlight : derived;
      if (maxInFlight != null && maxInFlight > derived && bounded) {
        log.info(
            "maxInFlight({}) is above the {} derived from the store's {} connection(s): attempts"
                + " beyond what the store serves wait their turn for a connection (fine for slow"
                + " third parties; if the store is the slow part, lower it)",
            maxInFlight,
            derived,
            concurrency);
      }
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1; was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive; was " + value);
      }
      return value;
    }
  }
}
