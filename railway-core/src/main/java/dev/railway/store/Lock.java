package dev.railway.store;

import java.time.Instant;

/**
 * A record in the central lock store.
 *
 * @param sequence store-assigned, strictly increasing: "oldest" means lowest sequence
 * @param owner the attempt that wrote it
 * @param createdAt store clock at creation
 * @param expiresAt store clock at creation plus the time to live
 * @param faulted the attempt recorded a known failure (or aborted) and did nothing
 * @param finished the attempt ended without leaving uncertainty (result recorded, or fault
 *     returned)
 * @param resolved a possible failure on this lock was resolved by a compromise
 */
public record Lock(
    long sequence,
    String taskId,
    String owner,
    Instant createdAt,
    Instant expiresAt,
    boolean faulted,
    boolean finished,
    boolean resolved) {

  /** Expired at {@code now} (store clock). */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Still blocking others at {@code now}: neither expired, nor faulted, nor finished. */
  public boolean liveAt(Instant now) {
    return !expiredAt(now) && !faulted && !finished;
  }

  /** This lock with its faulted flag set. */
  public Lock asFaulted() {
    return new Lock(sequence, taskId, owner, createdAt, expiresAt, true, finished, resolved);
  }

  /** This lock with its finished flag set. */
  public Lock asFinished() {
    return new Lock(sequence, taskId, owner, createdAt, expiresAt, faulted, true, resolved);
  }

  /** This lock with its resolved flag set. */
  public Lock asResolved() {
    return new Lock(sequence, taskId, owner, createdAt, expiresAt, faulted, finished, true);
  }
}
