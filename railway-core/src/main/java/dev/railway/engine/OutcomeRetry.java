package dev.railway.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine retries an outcome whose delivery failed (a listener threw, a chained workflow
 * could not start, the stored outcome cannot be decoded): each entry on its own, after a delay that
 * doubles from {@code firstDelay} up to {@code maxDelay} (with jitter, so entries that failed
 * together do not come back together), and parked after {@code maxFailures} failed deliveries.
 * Other outcomes are delivered meanwhile: one bad outcome never blocks the rest.
 *
 * @param maxFailures failed deliveries after which the entry is parked (at least 1)
 * @param firstDelay delay before the first retry (positive)
 * @param maxDelay longest delay between retries (at least {@code firstDelay})
 */
public record OutcomeRetry(int maxFailures, Duration firstDelay, Duration maxDelay) {

  /** Ten tries over about ten minutes: a listener whose downstream restarts gets through. */
  public static OutcomeRetry defaults() {
    return new OutcomeRetry(10, Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  public OutcomeRetry {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1; was " + maxFailures);
    }
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new IllegalArgumentException("firstDelay must be positive; was " + firstDelay);
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be at least firstDelay (" + firstDelay + "); was " + maxDelay);
    }
  }

  /** The delay before the next try after {@code failures} failed deliveries, before jitter. */
  Duration delayAfter(int failures) {
    Duration delay = firstDelay;
    for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
