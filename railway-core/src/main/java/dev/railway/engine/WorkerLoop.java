package dev.railway.engine;

import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's work: a claimer thread that claims due tasks in batches (no more than attempts may
 * run at once), runs each on a virtual thread and sleeps until the next one is due; a deliverer
 * thread that delivers outcomes. Both back off while the store is away and say so once. {@link
 * #runDueTasks()} is the same claim-and-run as one pass on the caller's thread.
 */
final class WorkerLoop {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

  /** How often a busy or troubled engine says how it is doing. */
  private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

  private final Store store;
  private final Clock clock;
  private final TaskRunner runner;
  private final OutcomeDispatcher outcomes;
  private final String workerId;
  private final int batchSize;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration storeTimeout;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private final StoreWatch storeWatch;
  private final Object wakeUp = new Object();
  private final LongAdder claimedSinceSummary = new LongAdder();
  private final LongAdder deliveredSinceSummary = new LongAdder();
  private volatile long claimHeartbeat = System.nanoTime();
  private volatile boolean running;
  private boolean wakeRequested;
  private Store.Subscription dueWork;
  private Thread claimer;
  private Thread deliverer;

  WorkerLoop(
      EngineConfig config,
      EngineConfig.Resolved bounds,
      Store store,
      Clock clock,
      TaskRunner runner,
      OutcomeDispatcher outcomes) {
    this.store = store;
    this.clock = clock;
    this.runner = runner;
    this.outcomes = outcomes;
    this.workerId = config.workerId();
    this.batchSize = config.batchSize();
    this.pollInterval = config.pollInterval();
    this.storeTimeout = config.storeTimeout();
    this.lease = bounds.lease();
    this.maxInFlight = bounds.maxInFlight();
    this.inFlight = new Semaphore(maxInFlight);
    this.storeWatch = new StoreWatch(workerId, pollInterval, new Random());
  }

  /** One pass on the caller's thread; see {@link Engine#runDueTasks()}. */
  int runDueTasks() {
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
      } catch (ExecutionException e) {
        throw new IllegalStateException("a task run failed", e.getCause());
      }
    }
    outcomes.deliverPending();
    return ran;
  }

  /** Starts the claimer and the deliverer; false if they were running already. */
  synchronized boolean start() {
    if (running) {
      return false;
    }
    running = true;
    // Other processes' new work wakes the claimer at once where the store can tell (PostgreSQL's
    // LISTEN/NOTIFY); polling stays the fallback.
    dueWork = store.onDueWork(this::wake);
    claimer = Thread.ofPlatform().name("railway-claimer").daemon(true).start(this::claimLoop);
    deliverer = Thread.ofPlatform().name("railway-outcomes").daemon(true).start(this::deliverLoop);
    return true;
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
    int busy = busy();
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

  /** Ends the claimer's sleep: new work may be due (a decision entered a task, a start). */
  void wake() {
    synchronized (wakeUp) {
      wakeRequested = true;
      wakeUp.notifyAll();
    }
  }

  /** Whether the claim loop goes round: running, alive, and its last round recent enough. */
  boolean alive() {
    return running
        && claimer != null
        && claimer.isAlive()
        && System.nanoTime() - claimHeartbeat
            < pollInterval.plus(StoreWatch.MAX_BACKOFF).plus(storeTimeout).toNanos();
  }

  Instant storeDownSince() {
    return storeWatch.downSince();
  }

  int busy() {
    return maxInFlight - inFlight.availablePermits();
  }

  int maxInFlight() {
    return maxInFlight;
  }

  /**
   * Stops claiming, waits for the claimer until {@code endNanos}, then lets in-flight attempts
   * finish up to {@code deadline} and interrupts what is left.
   *
   * @return true if every in-flight attempt finished in time
   */
  boolean stopAttempts(Duration deadline, long endNanos) {
    synchronized (this) {
      running = false;
      if (dueWork != null) {
        dueWork.close();
      }
    }
    wake();
    join(claimer, endNanos);
    attempts.shutdown();
    boolean clean;
    try {
      clean = attempts.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clean = false;
    }
    if (!clean) {
      log.warn("{} attempt(s) still running after {}; interrupting them", busy(), deadline);
      attempts.shutdownNow();
    }
    return clean;
  }

  /** Waits for the deliverer's last pass, until {@code endNanos} at most. */
  void joinDeliverer(long endNanos) {
    join(deliverer, endNanos);
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
}
