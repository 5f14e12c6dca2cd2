package dev.railway.engine;

import dev.railway.definition.Integration;

/**
 * Idempotent integration (DESIGN.md §5): the task identifier is the third party's idempotency key,
 * so retries, duplicates and racing workers are safe by construction.
 */
final class IdempotentAlgorithm {
  private IdempotentAlgorithm() {}

  static <E, R> AttemptOutcome<R> run(AttemptContext<E, R> ctx, Integration.Idempotent<E, R> fn) {
    try {
      // Step 1: attempt(event, taskId), with taskId as the idempotency key, under the timeout.
      R result = ctx.call("attempt", () -> fn.attempt().attempt(ctx.event(), ctx.taskId()));
      // Step 2: the caller decides on the result.
      return new AttemptOutcome.Result<>(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AttemptOutcome.Fault<>(e);
    } catch (Exception e) {
      return new AttemptOutcome.Fault<>(e);
    }
  }
}
