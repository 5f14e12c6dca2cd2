package dev.railway.engine;

import dev.railway.definition.Cause;
import java.time.Instant;

/** How one run of an integration algorithm ended. */
sealed interface AttemptOutcome<R> {

  /** The action's result (new or found from an earlier attempt): the decider chooses. */
  record Result<R>(R value) implements AttemptOutcome<R> {}

  /** A transition chosen without a result, e.g. a possible failure's uncertainty mapping. */
  record Transition<R>(Object event, Cause cause) implements AttemptOutcome<R> {}

  /**
   * Abort without outcome: no decision, try again at {@code retryAt}, when the blocking lock
   * expires — never a busy loop.
   */
  record Abort<R>(Instant retryAt, String reason) implements AttemptOutcome<R> {}

  /** The action failed; the backoff decides whether to retry. */
  record Fault<R>(Throwable error) implements AttemptOutcome<R> {}
}
