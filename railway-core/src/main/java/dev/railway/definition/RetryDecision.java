package dev.railway.definition;

import java.time.Duration;

/** What a {@link Backoff} decides after a fault: try again after a delay, or give up. */
public sealed interface RetryDecision {

  /** Try again once {@code delay} has passed. */
  record RetryAfter(Duration delay) implements RetryDecision {
    public RetryAfter {
      Checks.notNegative(delay, "retry delay");
    }
  }

  /** Stop trying; the fault mapping chooses the transition. */
  record GiveUp() implements RetryDecision {}

  static RetryDecision retryAfter(Duration delay) {
    return new RetryAfter(delay);
  }

  static RetryDecision giveUp() {
    return new GiveUp();
  }
}
