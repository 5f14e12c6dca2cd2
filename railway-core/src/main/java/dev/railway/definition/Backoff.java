package dev.railway.definition;

import java.time.Duration;

/**
 * Decides whether a faulted State task is tried again: {@code (attempts, event, taskId, error) ->
 * retry after Duration | give up}. {@code attempts} counts the attempts made so far, including the
 * one that just faulted (so it is at least 1).
 *
 * <p>Write your own as a lambda, or use the factories. Jitter in {@link #exponential} is derived
 * from the task identifier and attempt number rather than a random source, so that a simulation
 * replays identically from its seed while different tasks still spread out.
 */
@FunctionalInterface
public interface Backoff<E> {

  RetryDecision next(int attempts, E event, String taskId, Throwable error);

  /** Never retry: the first fault goes to the fault mapping. */
  static <E> Backoff<E> none() {
    return (attempts, event, taskId, error) -> RetryDecision.giveUp();
  }

  /** Retry after a fixed {@code delay}, up to {@code maxAttempts} attempts in all. */
  static <E> Backoff<E> fixed(Duration delay, int maxAttempts) {
    Checks.notNegative(delay, "fixed backoff delay");
    Checks.atLeast(maxAttempts, 1, "maxAttempts");
    return (attempts, event, taskId, error) ->
        attempts >= maxAttempts ? RetryDecision.giveUp() : RetryDecision.retryAfter(delay);
  }

  /**
   * Exponential backoff: {@code initial * 2^(attempts-1)}, capped at {@code max}, with up to {@code
   * jitter} (0..1) of the delay removed, up to {@code maxAttempts} attempts in all.
   */
  static <E> Backoff<E> exponential(
      Duration initial, Duration max, double jitter, int maxAttempts) {
    Checks.positive(initial, "initial delay");
    Checks.positive(max, "max delay");
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max delay must be at least the initial delay; was max=" + max + ", initial=" + initial);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0.0 and 1.0; was " + jitter);
    }
    Checks.atLeast(maxAttempts, 1, "maxAttempts");
    return (attempts, event, taskId, error) -> {
      if (attempts >= maxAttempts) {
        return RetryDecision.giveUp();
      }
      int doublings = Math.min(Math.max(attempts - 1, 0), 40);
      long nanos = initial.toNanos();
      long capped = max.toNanos();
      long delay = nanos > (capped >> doublings) ? capped : Math.min(capped, nanos << doublings);
      // Deterministic jitter in [0, 1): a hash of the task identifier and attempt number.
      long h = (taskId == null ? 0 : taskId.hashCode()) * 0x9E3779B97F4A7C15L + attempts;
      h ^= (h >>> 33);
      h *= 0xff51afd7ed558ccdL;
      h ^= (h >>> 33);
      double unit = (h >>> 11) * 0x1.0p-53;
      long jittered = delay - (long) (delay * jitter * unit);
      return RetryDecision.retryAfter(Duration.ofNanos(jittered));
    };
  }
}
