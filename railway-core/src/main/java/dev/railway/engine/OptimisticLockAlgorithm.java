package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.definition.NothingDoneException;
import dev.railway.store.Lock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OptimisticLock integration (DESIGN.md §5): a two-step third party whose first step can be
 * cancelled. Racers all take a first step; only the oldest live one proceeds, and every loser's
 * first step is undone. The engine also writes a lock per attempt, only to know whether the attempt
 * that completed a second step is still alive to record it.
 */
final class OptimisticLockAlgorithm {
  private static final Logger log = LoggerFactory.getLogger(OptimisticLockAlgorithm.class);

  private OptimisticLockAlgorithm() {}

  static <E, S, R> AttemptOutcome<R> run(
      AttemptContext<E, R> ctx, Integration.OptimisticLock<E, S, R> fn) {
    Lock own = ctx.writeOwnLock();
    if (ctx.expired()) {
      return pastDeadline(ctx, fn, own);
    }
    S step = null;
    boolean secondStepStarted = false;
    try {
      // Step 1: first step, tagged with the task identifier.
      S ownStep = ctx.call("firstStep", () -> fn.firstStep().firstStep(ctx.event(), ctx.taskId()));
      step = ownStep;

      // Step 2: own first step must be the oldest live one, else undo own and abort — unless the
      // older ones are orphans: no other attempt's lock lives, so their attempts are dead (one
      // whose first-step response was lost, say). Orphans lose to a live attempt and are undone.
      // The locks are read before the first steps are listed again: an attempt dead by then has
      // had its last call land, so no step listed afterwards can be confirmed under our feet.
      List<S> live =
          ctx.call("firstSteps", () -> fn.firstSteps().firstSteps(ctx.event(), ctx.taskId()));
      if (!live.isEmpty() && !live.get(0).equals(ownStep) && otherLiveLock(ctx, own).isEmpty()) {
        live = ctx.call("firstSteps", () -> fn.firstSteps().firstSteps(ctx.event(), ctx.taskId()));
        int ownAt = live.indexOf(ownStep);
        for (S orphan : live.subList(0, Math.max(ownAt, 0))) {
          undo(ctx, fn, orphan);
        }
        live = ownAt < 0 ? live : live.subList(ownAt, live.size());
      }
      if (live.isEmpty() || !live.get(0).equals(ownStep)) {
        undo(ctx, fn, ownStep);
        ctx.store().markLockFinished(own.sequence());
        return new AttemptOutcome.Abort<>(retryAt(ctx, own), "an older first step is live");
      }

      // Step 3: a completed second step exists? Undo own; use its result if the attempt that
      // completed it has expired (it died before recording), else let its owner record it.
      Optional<R> completed =
          ctx.call("completed", () -> fn.completed().completed(ctx.event(), ctx.taskId()));
      if (completed.isPresent()) {
        undo(ctx, fn, ownStep);
        ctx.store().markLockFinished(own.sequence());
        Optional<Lock> other = otherLiveLock(ctx, own);
        if (other.isPresent()) {
          return new AttemptOutcome.Abort<>(
              other.get().expiresAt(), "the attempt that completed the second step is alive");
        }
        return new AttemptOutcome.Result<>(completed.get());
      }

      // Step 4: second step from own first step.
      secondStepStarted = true;
      R result =
          ctx.callUnderLock(
              own,
              "secondStep",
              () -> fn.secondStep().secondStep(ctx.event(), ctx.taskId(), ownStep));

      // Step 5: decide (done by the caller).
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Result<>(result);
    } catch (NoBudgetException e) {
      // A call was not started for lack of time under the own lock: the second step was not
      // taken, so the own first step (if any) is released.
      if (step != null) {
        undo(ctx, fn, step);
      }
      return new AttemptOutcome.Abort<>(e.retryAt(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      if (secondStepStarted && !(e instanceof NothingDoneException)) {
        // The second step timed out, lost its answer or failed without proof that nothing was
        // done: it may have completed. Never undo then (an undo could cancel a confirmed step),
        // and leave the lock to expire: the next attempt's `completed` query decides, after this
        // attempt's grace has passed.
        return new AttemptOutcome.Fault<>(e);
      }
      // A failed attempt leaves no hold behind: its first step, if any, is undone. A first step
      // whose own answer was lost is an orphan; the next attempt's step 2 undoes it.
      if (step != null) {
        undo(ctx, fn, step);
      }
      if (e instanceof AttemptTimeoutException) {
        return new AttemptOutcome.Fault<>(e);
      }
      return new AttemptOutcome.Fault<>(e, () -> ctx.store().markLockFinished(own.sequence()));
    }
  }

  /**
   * Past the deadline: no first step is taken. A completed second step decides (its own attempt
   * being dead); otherwise the first steps that dead attempts left are undone and the expiry
   * mapping applies. While another attempt's lock lives nothing is recorded.
   */
  private static <E, S, R> AttemptOutcome<R> pastDeadline(
      AttemptContext<E, R> ctx, Integration.OptimisticLock<E, S, R> fn, Lock own) {
    Optional<Lock> other = otherLiveLock(ctx, own);
    if (other.isPresent()) {
      ctx.store().markLockFinished(own.sequence());
      return new AttemptOutcome.Abort<>(
          other.get().expiresAt(), "past the deadline, waiting for a live attempt");
    }
    try {
      // Step 3 alone: a completed second step decides.
      Optional<R> completed =
          ctx.call("completed", () -> fn.completed().completed(ctx.event(), ctx.taskId()));
      if (completed.isPresent()) {
        return new AttemptOutcome.Result<>(completed.get());
      }
      // Losers' first steps are undone: every one left is an orphan of a dead attempt.
      List<S> orphans =
          ctx.call("firstSteps", () -> fn.firstSteps().firstSteps(ctx.event(), ctx.taskId()));
      for (S orphan : orphans) {
        undo(ctx, fn, orphan);
      }
      return ctx.expiry();
    } catch (NoBudgetException e) {
      return new AttemptOutcome.Abort<>(e.retryAt(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      return new AttemptOutcome.Fault<>(e);
    }
  }

  private static <E, S, R> void undo(
      AttemptContext<E, R> ctx, Integration.OptimisticLock<E, S, R> fn, S step) {
    if (fn.undo() == null) {
      return;
    }
    try {
      ctx.cleanup(
          "undo",
          () -> {
            fn.undo().undo(ctx.event(), ctx.taskId(), step);
            return null;
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The step stays until the third party expires it; the oldest-live check keeps it harmless.
      log.warn("undo of a losing first step of {} failed: {}", ctx.taskId(), e.toString());
    }
  }

  private static <E, R> Optional<Lock> otherLiveLock(AttemptContext<E, R> ctx, Lock own) {
    Instant now = ctx.store().now();
    return ctx.store().locks(ctx.taskId()).stream()
        .filter(l -> l.sequence() != own.sequence() && l.liveAt(now))
        .findFirst();
  }

  /** After losing to an older first step: retry when its attempt's lock would have expired. */
  private static <E, R> Instant retryAt(AttemptContext<E, R> ctx, Lock own) {
    return otherLiveLock(ctx, own).map(Lock::expiresAt).orElse(own.expiresAt());
  }
}
