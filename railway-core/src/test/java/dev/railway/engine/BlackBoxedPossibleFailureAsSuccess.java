package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.store.Lock;
import java.time.Instant;

/**
 * MUTANT of {@link BlackBoxedAlgorithm}: an earlier lock that expired with neither a result nor a
 * fault — a possible failure — is treated like one that succeeded and was recorded, so the
 * compromise is never applied and the action runs again. Exists only to prove the simulation
 * catches it (I6).
 */
final class BlackBoxedPossibleFailureAsSuccess {
  private BlackBoxedPossibleFailureAsSuccess() {}

  static <E, R> AttemptOutcome<R> run(AttemptContext<E, R> ctx, Integration.BlackBoxed<E, R> fn) {
    Lock own = ctx.writeOwnLock();
    Instant now = ctx.store().now();
    for (Lock lock : ctx.earlierLocks(own)) {
      if (!lock.expiredAt(now) && !lock.faulted() && !lock.finished()) {
        ctx.store().markLockFaulted(own.sequence());
        return new AttemptOutcome.Abort<>(lock.expiresAt(), "attempt " + lock.owner() + " is live");
      }
    }
    // (the possible-failure loop removed: an expired, unfinished lock counts as done)
    try {
      R result = ctx.call("attempt", () -> fn.attempt().attempt(ctx.event(), ctx.taskId()));
      return new AttemptOutcome.Result<>(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      if (!(e instanceof AttemptTimeoutException) && fn.nothingDone().test(e)) {
        ctx.store().markLockFaulted(own.sequence());
      }
      return new AttemptOutcome.Fault<>(e);
    }
  }
}
