package dev.railway.engine;

import dev.railway.definition.Integration;

/**
 * Chooses and runs the integration algorithm of an attempt. The engine always uses {@link
 * #STANDARD}, the four algorithm classes of DESIGN.md §5. The seam exists, package-private, so that
 * mutation tests can run a deliberately broken copy of one algorithm and prove that the
 * simulation's invariant checks catch it.
 */
@FunctionalInterface
interface Algorithms {

  /** The algorithms of DESIGN.md §5, one class per integration kind. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Algorithms STANDARD =
      (integration, ctx) ->
          switch (integration) {
            case Integration.Idempotent i -> IdempotentAlgorithm.run(ctx, i);
            case Integration.PessimisticLock p -> PessimisticLockAlgorithm.run(ctx, p);
            case Integration.OptimisticLock o -> OptimisticLockAlgorithm.run(ctx, o);
            case Integration.BlackBoxed b -> BlackBoxedAlgorithm.run(ctx, b);
          };

  @SuppressWarnings("rawtypes")
  AttemptOutcome<?> run(Integration integration, AttemptContext ctx);
}
