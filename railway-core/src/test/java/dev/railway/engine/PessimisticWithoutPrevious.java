package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.store.Lock;

/**
 * MUTANT of {@link PessimisticLockAlgorithm}: step 3, the {@code previous} query, is skipped, so an
 * action done by an attempt that died before recording it is done again. Exists only to prove the
 * simulation catches it (I4).
 */
final class PessimisticWithoutPrevious {
  private PessimisticWithoutPrevious() {}

  static <E, R> AttemptOutcome<R> run(
      AttemptContext<E, R> ctx, Integration.PessimisticLock<E, R> fn) {
    Lock own = ctx.writeOwnLock();
    Lock oldest = ctx.oldestLiveLock().orElse(own);
    if (oldest.sequence() != own.sequence()) {
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Abort<>(ctx.whenExpires(oldest), "an older lock is live");
    }
    try {
      // (step 3 removed)
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
