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

  /**
   * The action failed; the backoff decides whether to retry. {@code beforeRetry} releases what this
   * attempt holds (marks its lock faulted or finished) and runs only when the task will be tried
   * again: releasing it before a give-up is recorded would let a racing attempt act while the fault
   * mapping's transition is being recorded, and its effect would go unseen.
   */
  record Fault<R>(Throwable error, Runnable beforeRetry) implements AttemptOutcome<R> {
    Fault(Throwable error) {
      this(error, () -> {});
    }
  }

  /**
   * BlackBoxed: the call ended without proof of what happened (a timeout, a lost response, an
   * unclassified error). Nothing is recorded and the backoff is not asked: the task is tried again
   * when this attempt's lock expires, and that attempt meets the possible failure and applies the
   * compromise — never the fault mapping, which would hide an effect that may have happened.
   */
  record Unknown<R>(Throwable error, Instant retryAt) implements AttemptOutcome<R> {}
}
