package dev.railway.sim;

import dev.railway.definition.StateTask;
import dev.railway.engine.Step;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.store.TaskEntry;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One simulated worker process: an engine of its own and, while it runs a task, a thread that gives
 * control back to the scheduler at every step boundary and waits to be resumed. Only one thread of
 * a run is ever running, so a run is a deterministic function of its seed.
 */
final class Worker {
  /** A thread that never gets back to the scheduler is a bug; fail instead of hanging. */
  private static final long HANDOFF_LIMIT_SECONDS = 60;

  final String id;
  ManualEngine engine;

  // While running a task:
  Thread thread;
  TaskEntry task;
  StateTask<?, ?> state;
  String attempt;
  Step at;
  String what;
  Instant sleepingUntil;
  boolean crash;
  boolean finished = true;
  Throwable failure;

  /** Whether the current attempt acted at a third party (for the possible-failure check). */
  boolean attemptActed;

  /** The timeout the engine gave the current call: the simulated third party honours it. */
  java.time.Duration callTimeout;

  /** Whether the current attempt paused longer than the grace period before its action. */
  boolean pausedLong;

  private final Semaphore go = new Semaphore(0);
  private final Semaphore back;

  Worker(String id, Semaphore back) {
    this.id = id;
    this.back = back;
  }

  boolean running() {
    return !finished;
  }

  boolean runnableAt(Instant now) {
    return !finished && (sleepingUntil == null || !now.isBefore(sleepingUntil));
  }

  /** On the scheduler's thread: lets the worker run to its next step boundary or its end. */
  void resume() {
    sleepingUntil = null;
    go.release();
    acquire(back, "worker " + id + " did not get back to the scheduler");
  }

  /** On the worker's thread: hands control to the scheduler until resumed; dies if told to. */
  void handOff() {
    back.release();
    acquire(go, "the scheduler never resumed worker " + id);
    if (crash) {
      throw new SimulatedCrash();
    }
  }

  /** On the worker's thread: waits first, so the scheduler decides when the task starts. */
  void awaitStart() {
    acquire(go, "the scheduler never started worker " + id);
  }

  /** On the worker's thread: the task is over (done, crashed or failed). */
  void end() {
    finished = true;
    back.release();
  }

  private static void acquire(Semaphore s, String problem) {
    try {
      if (!s.tryAcquire(HANDOFF_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(problem + " within " + HANDOFF_LIMIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(problem + ": interrupted", e);
    }
  }
}
