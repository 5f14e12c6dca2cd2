package dev.railway.engine;

import dev.railway.definition.IntegrationKind;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.store.Lock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the calls of one attempt may still take (DESIGN.md §4, "Fencing"). The own lock's expiry
 * (store clock, known when the lock is written) is the budget of the whole attempt: every call
 * under the lock gets {@code min(attemptTimeout, expiry − grace − now)}, where {@code now} is a
 * store-clock reading carried forward on a monotonic {@link Ticker}. The ticker is read
 * <em>before</em> the store is asked, so the carried time is never earlier than the store's: the
 * budget errs short, never long. Before a lock is written (Idempotent has none) a call gets the
 * attempt timeout.
 */
final class AttemptBudget {
  private final Duration attemptTimeout;
  private final Duration grace;
  private final Ticker ticker;
  private Instant callsEndBy;
  private Instant lockExpiry;
  private Instant anchor;
  private long anchorNanos;

  AttemptBudget(Duration attemptTimeout, Duration grace, Ticker ticker) {
    this.attemptTimeout = attemptTimeout;
    this.grace = grace;
    this.ticker = ticker;
  }

  long tick() {
    return ticker.nanos();
  }

  /** The own lock was written; {@code tickedBefore} was read just before the write was sent. */
  void lockWritten(Lock own, long tickedBefore) {
    lockExpiry = own.expiresAt();
    callsEndBy = lockExpiry.minus(grace);
    anchor(own.createdAt(), tickedBefore);
  }

  /** A fresher store-clock reading, with the ticker read just before it was asked for. */
  void anchor(Instant storeNow, long tickedBefore) {
    anchor = storeNow;
    anchorNanos = tickedBefore;
  }

  /** When an attempt that may not call should be tried again: when its own lock expires. */
  Instant retryAt() {
    return lockExpiry != null ? lockExpiry : anchor;
  }

  /** Whether the own lock has expired by the carried store clock (false before it is written). */
  boolean lockExpired() {
    return lockExpiry != null
        && !anchor.plusNanos(ticker.nanos() - anchorNanos).isBefore(lockExpiry);
  }

  /** Time left for the next call: never more than the attempt timeout, zero or less for none. */
  Duration left() {
    if (callsEndBy == null) {
      return attemptTimeout;
    }
    Instant now = anchor.plusNanos(ticker.nanos() - anchorNanos);
    Duration left = Duration.between(now, callsEndBy);
    return left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
  }

  /**
   * Lock-based tasks whose grace is shorter than the store's longest wait: a result reached at
   * {@code expiry − grace} may then be recorded only after its lock expired, when a racer may
   * already treat the attempt as dead. One message per task, naming both values.
   */
  static List<String> graceShorterThanStoreWaits(List<Workflow<?>> workflows, Duration storeWait) {
    List<String> problems = new ArrayList<>();
    for (Workflow<?> w : workflows) {
      for (Task<?> t : w.tasks()) {
        if (t instanceof StateTask<?, ?> s
            && s.kind() != IntegrationKind.IDEMPOTENT
            && s.lockGrace().compareTo(storeWait) < 0) {
          problems.add(
              "task '%s' of %s has lock grace %s, shorter than the store's longest wait %s: raise"
                      .formatted(s.name(), w.id(), s.lockGrace(), storeWait)
                  + " lockGrace to at least %s, or the store may record its results after its lock expired"
                      .formatted(storeWait));
        }
      }
    }
    return problems;
  }
}
