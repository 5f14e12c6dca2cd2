package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.StateTask;
import dev.railway.store.Lock;
import dev.railway.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What an integration algorithm works with for one attempt: the entering event, the task, the lock
 * store, and the guarded way to call the third party.
 *
 * @param owner identifies this attempt in the lock store
 */
record AttemptContext<E, R>(
    StateTask<E, R> task,
    E event,
    String taskId,
    String owner,
    Store store,
    CallGuard guard,
    StepListener steps,
    AttemptBudget budget,
    boolean expired) {

  /**
   * Past the deadline (or no longer needed) and nothing may have happened: the expiry mapping.
   * Algorithms return it only after their locks and queries showed that no earlier attempt may have
   * acted (DESIGN.md §5: an expiry never contradicts an effect that may have happened).
   */
  AttemptOutcome<R> expiry() {
    Expiration.Expires x = (Expiration.Expires) task.expiration();
    return new AttemptOutcome.Transition<>(x.mapping().map(event, taskId), Cause.EXPIRY);
  }

  /**
   * Calls the third party's function {@code what} under what is left of the attempt's budget (the
   * attempt timeout before a lock is written), not starting it when nothing is left. The step
   * listener sees the call just before and just after it, so every call of every algorithm is a
   * step boundary without the algorithms saying so.
   *
   * @throws NoBudgetException when the call was not started
   */
  <T> T call(String what, Callable<T> call) throws Exception {
    return call(what, budget.left(), call);
  }

  /**
   * Calls the acting function {@code what} under the own lock: re-checks that {@code own} is still
   * live right before the call (which also refreshes the budget's store-clock reading), then calls
   * under what is left of the budget.
   *
   * @throws NoBudgetException when the lock is no longer live or no budget is left: not called
   */
  <T> T callUnderLock(Lock own, String what, Callable<T> call) throws Exception {
    boolean live;
    try {
      live = stillLive(own);
    } catch (RuntimeException e) {
      // The store could not confirm the lock (it went away): not called, like a spent budget.
      throw new NoBudgetException(budget.retryAt(), "own lock could not be re-checked: " + e);
    }
    if (!live) {
      throw new NoBudgetException(store.now(), "own lock " + own.sequence() + " is no longer live");
    }
    return call(what, call);
  }

  /**
   * Calls {@code what} under the full attempt timeout, whatever the budget: for cleanups such as
   * undoing a first step, which act only against the own task's holds and must not be skipped.
   */
  <T> T cleanup(String what, Callable<T> call) throws Exception {
    return call(what, task.attemptTimeout(), call);
  }

  private <T> T call(String what, Duration timeout, Callable<T> call) throws Exception {
    if (timeout.isZero() || timeout.isNegative()) {
      // Too late for this call to end before expiry − grace: a racer could start after the lock
      // expires while it is still in flight. Not starting it is the only safe choice.
      throw new NoBudgetException(
          budget.retryAt(), "no time left under the own lock for " + what + " (" + timeout + ")");
    }
    steps.at(Step.BEFORE_CALL, taskId, owner, what);
    T result;
    try {
      try {
        result = guard.call(taskId, timeout, call);
      } catch (VirtualMachineError e) {
        throw e; // The process is dying: nothing more is written, like a crash.
      } catch (Error e) {
        // A bug in user code fails this attempt, not the worker.
        throw new UserCodeError(what, e);
      }
    } catch (Exception e) {
      steps.at(Step.AFTER_CALL, taskId, owner, what);
      throw e;
    }
    steps.at(Step.AFTER_CALL, taskId, owner, what);
    return result;
  }

  /** Writes this attempt's lock, living for the attempt timeout plus the grace period. */
  Lock writeOwnLock() {
    steps.at(Step.BEFORE_LOCK_WRITE, taskId, owner, "lock");
    long before = budget.tick();
    Lock own = store.writeLock(taskId, owner, task.lockTtl());
    budget.lockWritten(own, before);
    steps.at(Step.AFTER_LOCK_WRITE, taskId, owner, "lock");
    return own;
  }

  /**
   * Marks {@code own} faulted after {@code cause} stopped the attempt before its call: nothing was
   * done. The store may be what failed, so this tries again with a short backoff while the lock
   * lives (a few seconds at most); if the store stays away the lock expires unmarked and is taken
   * for a possible failure, which errs on the side of the compromise.
   */
  void markOwnLockFaulted(Lock own, Exception cause) {
    long pause = 50;
    for (int tries = 1; ; tries++) {
      try {
        store.markLockFaulted(own.sequence());
        return;
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
        if (tries >= 8 || budget.lockExpired()) {
          return;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause = Math.min(pause * 2, 1000);
    }
  }

  /** The oldest lock that still blocks others (neither expired, faulted nor finished). */
  Optional<Lock> oldestLiveLock() {
    Instant now = store.now();
    return store.locks(taskId).stream()
        .filter(l -> l.liveAt(now))
        .min(Comparator.comparingLong(Lock::sequence));
  }

  /** Whether {@code own} is still live by the store's clock; refreshes the budget's reading. */
  boolean stillLive(Lock own) {
    long before = budget.tick();
    Instant now = store.now();
    budget.anchor(now, before);
    return store.locks(taskId).stream()
        .anyMatch(l -> l.sequence() == own.sequence() && l.liveAt(now));
  }

  /** Locks written before {@code own}, oldest first. */
  List<Lock> earlierLocks(Lock own) {
    return store.locks(taskId).stream().filter(l -> l.sequence() < own.sequence()).toList();
  }

  /** Retry time after a lost race: when the blocking lock expires. */
  Instant whenExpires(Lock blocking) {
    return blocking.expiresAt();
  }
}
