package dev.railway.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine's loops know about the store's reachability, shared so that an outage is said
 * once (when it starts and when it ends) instead of once per failed call, and so that every loop
 * backs off the same way: doubling from the poll interval up to a cap, with jitter, so that the
 * engines of a fleet do not all come back in the same instant.
 */
final class StoreWatch {
  private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);

  /** The longest pause between tries while the store is unavailable. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final String workerId;
  private final Duration first;
  private final RandomGenerator jitter;
  private Instant downSince;
  private int failures;
  private String lastError;

  StoreWatch(String workerId, Duration first, RandomGenerator jitter) {
    this.workerId = workerId;
    this.first = first;
    this.jitter = jitter;
  }

  /**
   * A call to the store failed because it is unavailable.
   *
   * @return how long the calling loop pauses before it tries again
   */
  synchronized Duration failed(Instant now, String what, RuntimeException error) {
    failures++;
    lastError = error.toString();
    if (downSince == null) {
      downSince = now;
      log.warn(
          "engine {}: store unavailable ({} failed); claiming and delivering pause and retry with"
              + " backoff until it answers: {}",
          workerId,
          what,
          lastError);
    }
    Duration cap = first;
    for (int i = 1; i < failures && cap.compareTo(MAX_BACKOFF) < 0; i++) {
      cap = cap.multipliedBy(2);
    }
    if (cap.compareTo(MAX_BACKOFF) > 0) {
      cap = MAX_BACKOFF;
    }
    return cap.minus(cap.multipliedBy(jitter.nextInt(500)).dividedBy(1000));
  }

  /** A call to the store succeeded. */
  synchronized void answered(Instant now) {
    if (downSince != null) {
      log.info(
          "engine {}: store reachable again after {} ({} failed tries); resuming",
          workerId,
          Duration.between(downSince, now),
          failures);
    }
    downSince = null;
    failures = 0;
  }

  /** Since when the store has been unavailable, or null while it answers. */
  synchronized Instant downSince() {
    return downSince;
  }

  synchronized String lastError() {
    return lastError;
  }
}
