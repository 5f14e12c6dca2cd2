package dev.railway.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * What an engine can tell about itself at one moment ({@link Engine#health()}).
 *
 * @param storeReachable whether the store answered the health check
 * @param storeUnavailableSince since when the engine's loops could not reach the store, or null
 * @param claimLoopAlive whether the background claim loop runs and went round recently (false also
 *     when the workers were not started)
 * @param oldestDueLag how long the earliest due, undecided task has been due (zero when none is
 *     due, null when the store could not be asked)
 * @param parkedOutcomes outcomes parked after failed deliveries (-1 when the store could not be
 *     asked); counted up to {@value Engine#PARKED_COUNT_LIMIT}
 * @param inFlight attempts running now
 * @param maxInFlight the bound on attempts running at once
 */
public record EngineHealth(
    boolean storeReachable,
    Instant storeUnavailableSince,
    boolean claimLoopAlive,
    Duration oldestDueLag,
    int parkedOutcomes,
    int inFlight,
    int maxInFlight) {

  /** The store answers, the claim loop runs, and no outcome is parked. */
  public boolean healthy() {
    return storeReachable && storeUnavailableSince == null && claimLoopAlive && parkedOutcomes == 0;
  }
}
