package dev.railway.engine;

import dev.railway.definition.StateTask;
import dev.railway.store.Lock;
import dev.railway.store.Store;
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
    StepListener steps) {

  /**
   * Calls the third party's function {@code what} under the task's attempt timeout. The step
   * listener sees the call just before and just after it, so every call of every algorithm is a
   * step boundary without the algorithms saying so.
   */
  <T> T call(String what, Callable<T> call) throws Exception {
    steps.at(Step.BEFORE_CALL, taskId, owner, what);
    T result;
    try {
      result = guard.call(taskId, task.attemptTimeout(), call);
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
    Lock own = store.writeLock(taskId, owner, task.lockTtl());
    steps.at(Step.AFTER_LOCK_WRITE, taskId, owner, "lock");
    return own;
  }

  /** The oldest lock that still blocks others (neither expired, faulted nor finished). */
  Optional<Lock> oldestLiveLock() {
    Instant now = store.now();
    return store.locks(taskId).stream()
        .filter(l -> l.liveAt(now))
        .min(Comparator.comparingLong(Lock::sequence));
  }

  /** Whether {@code own} is still live by the store's clock. */
  boolean stillLive(Lock own) {
    Instant now = store.now();
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
