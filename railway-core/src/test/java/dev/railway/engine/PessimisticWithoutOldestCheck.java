package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.store.Lock;
import java.util.Optional;

/**
 * MUTANT of {@link PessimisticLockAlgorithm}: step 2, "own lock must be the oldest non-expired
 * lock", is skipped, so racing attempts both go on to call. Exists only to prove the simulation
 * catches it (I4).
 */
final class PessimisticWithoutOldestCheck {
  private PessimisticWithoutOldestCheck() {}

  static <E, R> AttemptOutcome<R> run(
      AttemptContext<E, R> ctx, Integration.PessimisticLock<E, R> fn) {
    Lock own = ctx.writeOwnLock();
    // (step 2 removed)
    try {
      Optional<R> previous =
          ctx.call("previous", () -> fn.previous().previous(ctx.event(), ctx.taskId()));
      if (previous.isPresent()) {
        ctx.store().markLockFinished(own.sequence());
        return new AttemptOutcome.Result<>(previous.get());
      }
      if (!ctx.stillLive(own)) {
        return new AttemptOutcome.Abort<>(ctx.store().now(), "own lock expired before the call");
      }
      R result = ctx.call("attempt", () -> fn.attempt().attempt(ctx.event(), ctx.taskId()));
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Result<>(result);
    } catch (AttemptTimeoutException e) {
      return new AttemptOutcome.Fault<>(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Fault<>(e);
    }
  }
}
