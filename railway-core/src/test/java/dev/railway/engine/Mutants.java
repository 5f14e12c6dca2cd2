package dev.railway.engine;

import dev.railway.definition.Integration;
import dev.railway.definition.NothingDoneException;
import dev.railway.definition.SecondStep;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Deliberately broken variants of the integration algorithms, each a copy of the real class or of
 * one of its rules with one hole, set on an engine builder. They live next to the algorithms, whose
 * package-private seam ({@link Engine.Builder#algorithms}) they use; the simulation's mutation
 * tests (railway-sim) take them from this module's test jar and must catch every one.
 */
public final class Mutants {
  private Mutants() {}

  /** PessimisticLock without the oldest-lock check (step 2). */
  public static Consumer<Engine.Builder> pessimisticWithoutOldestCheck() {
    return b -> b.algorithms(pessimistic(PessimisticWithoutOldestCheck::run));
  }

  /** PessimisticLock without the {@code previous} query (step 3). */
  public static Consumer<Engine.Builder> pessimisticWithoutPrevious() {
    return b -> b.algorithms(pessimistic(PessimisticWithoutPrevious::run));
  }

  /** BlackBoxed taking a possible failure for a success. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Consumer<Engine.Builder> blackBoxedPossibleFailureAsSuccess() {
    Algorithms mutant =
        (integration, ctx) ->
            integration instanceof Integration.BlackBoxed b
                ? BlackBoxedPossibleFailureAsSuccess.run(ctx, b)
                : Algorithms.STANDARD.run(integration, ctx);
    return b -> b.algorithms(mutant);
  }

  /**
   * Each call gets the full attempt timeout, not what is left of its lock. The real {@link
   * AttemptBudget} runs, given an end of calls that no lock bounds; the re-check of the own lock
   * before the call stays.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Consumer<Engine.Builder> callTimeoutNotBoundedByTheLock() {
    Algorithms mutant =
        (integration, ctx) -> {
          AttemptContext c = ctx;
          AttemptBudget unbounded =
              new AttemptBudget(
                  c.task().attemptTimeout(),
                  // A lock's expiry minus this "grace" lies far in the future: never the bound.
                  Duration.ofDays(-365_000),
                  () -> {
                    Instant now = c.store().now();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                  });
          return Algorithms.STANDARD.run(
              integration,
              new AttemptContext(
                  c.task(),
                  c.event(),
                  c.taskId(),
                  c.owner(),
                  c.store(),
                  c.guard(),
                  c.steps(),
                  unbounded,
                  c.expired()));
        };
    return b -> b.algorithms(mutant);
  }

  /**
   * The expiry is decided before any lock is looked at (what the engine does for Idempotent, which
   * has none). Everything else is the standard algorithm.
   */
  public static Consumer<Engine.Builder> expiryBeforeTheLockInspection() {
    Algorithms mutant =
        (integration, ctx) ->
            ctx.expired() ? ctx.expiry() : Algorithms.STANDARD.run(integration, ctx);
    return b -> b.algorithms(mutant);
  }

  /**
   * OptimisticLock undoing the first step after a second step that lost its response or timed out
   * (it may have completed): every failure of the second step is taken as proof that nothing was
   * done, which is what made the old algorithm undo.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Consumer<Engine.Builder> optimisticUndoAfterALostSecondStep() {
    Algorithms mutant =
        (integration, ctx) -> {
          if (!(integration instanceof Integration.OptimisticLock o)) {
            return Algorithms.STANDARD.run(integration, ctx);
          }
          SecondStep second =
              (event, taskId, own) -> {
                try {
                  return o.secondStep().secondStep(event, taskId, own);
                } catch (NothingDoneException e) {
                  throw e;
                } catch (Exception e) {
                  throw new NothingDoneException("taken as nothing done: " + e, e);
                }
              };
          return Algorithms.STANDARD.run(
              new Integration.OptimisticLock(
                  o.firstStep(), o.firstSteps(), o.completed(), second, o.undo(), o.decider()),
              ctx);
        };
    return b -> b.algorithms(mutant);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Algorithms pessimistic(
      BiFunction<AttemptContext, Integration.PessimisticLock, AttemptOutcome<?>> mutant) {
    return (integration, ctx) ->
        integration instanceof Integration.PessimisticLock p
            ? mutant.apply(ctx, p)
            : Algorithms.STANDARD.run(integration, ctx);
  }
}
