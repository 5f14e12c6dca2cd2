package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.store.Lock;
import java.util.Optional;

/**
 * PessimisticLock integration (DESIGN.md §5): a central lock keeps racers out of a third party that
 * can be queried by task id but not cancelled.
 *
 * <p>Residual assumption: a process paused for longer than the lock grace period after its lock
 * expired may still call the third party while the next attempt runs. The attempt timeout
 * (interrupt) and the re-check of the lock just before the call bound this window; they cannot
 * close it, because external effects cannot be fenced.
 */
final class PessimisticLockAlgorithm {
  private PessimisticLockAlgorithm() {}

  static <E, R> AttemptOutcome<R> run(
      AttemptContext<E, R> ctx, Integration.PessimisticLock<E, R> fn) {
    // Step 1: write own lock (TTL = attempt timeout + grace).
    Lock own = ctx.writeOwnLock();

    // Step 2: own lock must be the oldest non-expired lock, else abort without outcome.
    Lock oldest = ctx.oldestLiveLock().orElse(own);
    if (oldest.sequence() != own.sequence()) {
      // Our lock did nothing: finish it so it never blocks anyone.
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Abort<>(
          ctx.whenExpires(oldest),
          "lock " + oldest.sequence() + " of " + oldest.owner() + " is older");
    }

    try {
      // Step 3: an earlier completed action? Its original process has expired: decide with it.
      // Every call of the attempt runs under the own lock's budget, not a fresh timeout each.
      Optional<R> previous =
          ctx.call("previous", () -> fn.previous().previous(ctx.event(), ctx.taskId()));
      if (previous.isPresent()) {
        ctx.store().markLockFinished(own.sequence());
        return new AttemptOutcome.Result<>(previous.get());
      }

      // Past the deadline no new action starts; nothing was found, no other lock is live: only
      // now may the expiry mapping apply. Own lock stays until the expiry is recorded, keeping
      // out an attempt that checked the deadline just before it passed.
      if (ctx.expired()) {
        return ctx.expiry();
      }

      // Step 4: re-check own lock just before the call, then attempt under what is left of the
      // lock's budget (both calls together end by expiry − grace).
      R result =
          ctx.callUnderLock(own, "attempt", () -> fn.attempt().attempt(ctx.event(), ctx.taskId()));

      // Step 5: decide (done by the caller, which records the decision).
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Result<>(result);
    } catch (NoBudgetException e) {
      // A call was not started (own lock no longer live, or no time left before expiry − grace):
      // nothing was done. Try again when the own lock has expired.
      return new AttemptOutcome.Abort<>(e.retryAt(), e.getMessage());
    } catch (AttemptTimeoutException e) {
      // The call may still land at the third party: leave the lock to expire, so the grace
      // period passes before the next attempt's `previous` query.
      return new AttemptOutcome.Fault<>(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      // The call returned a fault: finish own lock (when retrying) so the next attempt need not
      // wait for expiry (its step 3 covers an action that did happen).
      return new AttemptOutcome.Fault<>(e, () -> ctx.store().markLockFinished(own.sequence()));
    }
  }
}
