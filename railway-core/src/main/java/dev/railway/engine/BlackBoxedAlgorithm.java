package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.store.Lock;
import java.time.Instant;

/**
 * BlackBoxed integration (DESIGN.md §5): the third party is opaque, so the only knowledge is our
 * own lock store. An earlier attempt whose lock expired with neither a result nor a fault recorded
 * is a possible failure — nobody can know whether the third party acted — and the task's declared
 * compromise decides. A crash after the call is never silently retried: it is always seen.
 */
final class BlackBoxedAlgorithm {
  private BlackBoxedAlgorithm() {}

  static <E, R> AttemptOutcome<R> run(AttemptContext<E, R> ctx, Integration.BlackBoxed<E, R> fn) {
    // Step 1: write own lock.
    Lock own = ctx.writeOwnLock();

    try {
      // Step 2: if own lock is not the oldest, look at every earlier lock.
      Instant now = ctx.store().now();
      var earlier = ctx.earlierLocks(own);
      for (Lock lock : earlier) {
        // One neither expired nor faulted (still running): record a fault on own lock, abort.
        if (!lock.expiredAt(now) && !lock.faulted() && !lock.finished()) {
          ctx.store().markLockFaulted(own.sequence());
          return new AttemptOutcome.Abort<>(
              lock.expiresAt(), "attempt " + lock.owner() + " is live");
        }
      }
      for (Lock lock : earlier) {
        if (lock.faulted() || lock.finished() || lock.resolved()) {
          continue; // Known: nothing was done, or it was already resolved by the compromise.
        }
        // Expired, not faulted, no decision (the caller checked): a possible failure.
        AttemptOutcome<R> verdict = compromise(ctx, fn, own, lock);
        if (verdict != null) {
          return verdict;
        }
      }

      // Past the deadline with no possible failure on an earlier lock: nothing may have happened,
      // so the expiry mapping applies; no new call starts.
      if (ctx.expired()) {
        return ctx.expiry();
      }
    } catch (RuntimeException e) {
      // Interrupted before the call (the store went away, a mapping threw): nothing was done, and
      // own lock must say so, or its expiry would be taken for a possible failure.
      ctx.markOwnLockFaulted(own, e);
      throw e;
    }

    // Step 3: re-check own lock, then execute under what is left of its budget.
    try {
      R result =
          ctx.callUnderLock(own, "attempt", () -> fn.attempt().attempt(ctx.event(), ctx.taskId()));
      // Own lock is NOT marked finished: only the recorded decision makes the effect known. If the
      // result is lost before that (a crash, a failed commit, a throwing decider), the lock expires
      // unfinished and the next attempt sees a possible failure instead of acting again silently.
      // Once the decision is recorded no attempt looks at this task's locks again.
      return new AttemptOutcome.Result<>(result);
    } catch (NoBudgetException e) {
      // Not called: say so on own lock, or its expiry would look like a possible failure.
      ctx.markOwnLockFaulted(own, e);
      return new AttemptOutcome.Abort<>(e.retryAt(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Unknown<>(e, own.expiresAt());
    } catch (Exception e) {
      if (!(e instanceof AttemptTimeoutException) && fn.nothingDone().test(e)) {
        // A known failure proves nothing was done: record it on own lock (when retrying) so the
        // next attempt sees no uncertainty.
        return new AttemptOutcome.Fault<>(e, () -> ctx.store().markLockFaulted(own.sequence()));
      }
      // A timeout or any other error records nothing: the next attempt sees a possible failure.
      return new AttemptOutcome.Unknown<>(e, own.expiresAt());
    }
  }

  /**
   * Applies the compromise to a possible failure on {@code uncertain}. Returns null to go on and
   * execute, or the outcome that ends this attempt.
   */
  private static <E, R> AttemptOutcome<R> compromise(
      AttemptContext<E, R> ctx, Integration.BlackBoxed<E, R> fn, Lock own, Lock uncertain) {
    Compromise policy = fn.compromise();
    boolean retry =
        switch (policy) {
          case Compromise.AtLeastOnce a -> true;
          case Compromise.UpTo u -> resolvedSoFar(ctx) < u.n();
          case Compromise.AtMostOnce a -> false;
          case Compromise.HumanReview h -> false;
        };
    // Past the deadline no new call may start: a compromise that would try again takes the
    // uncertainty mapping instead (the possible failure is surfaced, never an expiry).
    retry = retry && !ctx.expired();
    if (retry) {
      // Resolve it and execute — unless another attempt resolved it first: that one acts on it,
      // so this one did nothing and says so on its own lock, then looks again.
      if (!ctx.store().markLockResolved(uncertain.sequence())) {
        ctx.store().markLockFaulted(own.sequence());
        return new AttemptOutcome.Abort<>(
            ctx.store().now(),
            "the possible failure on lock " + uncertain.sequence() + " was resolved by another");
      }
      return null;
    }
    ctx.store().markLockFinished(own.sequence());
    Object event = fn.uncertainty().map(ctx.event(), ctx.taskId(), uncertain.createdAt());
    return new AttemptOutcome.Transition<>(event, Cause.POSSIBLE_FAILURE);
  }

  private static <E, R> long resolvedSoFar(AttemptContext<E, R> ctx) {
    return ctx.store().locks(ctx.taskId()).stream().filter(Lock::resolved).count();
  }
}
