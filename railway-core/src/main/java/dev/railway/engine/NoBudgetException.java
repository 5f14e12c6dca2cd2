package dev.railway.engine;

import java.time.Instant;

/**
 * A call under the own lock was not started: the lock is no longer live, or too little of its time
 * is left for the call to end before {@code expiry − grace}. Nothing was done; the attempt aborts
 * without outcome and the task is tried again at {@link #retryAt()}.
 */
final class NoBudgetException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Instant retryAt;

  NoBudgetException(Instant retryAt, String message) {
    super(message, null, false, false);
    this.retryAt = retryAt;
  }

  Instant retryAt() {
    return retryAt;
  }
}
