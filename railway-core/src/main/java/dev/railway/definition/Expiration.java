package dev.railway.definition;

import java.time.Duration;
import java.util.Optional;

/**
 * How a task can expire. A State task that declares nothing never expires; a ToDo must declare
 * either an expiry or, explicitly, {@link CannotExpire} (people are third parties too, and they do
 * not always answer).
 */
public sealed interface Expiration<E> {

  /** Nothing declared. Valid for State tasks (they never expire); rejected for ToDos. */
  record Undeclared<E>() implements Expiration<E> {}

  /** Declared explicitly: the task waits forever, as a customer-support review may. */
  record CannotExpire<E>() implements Expiration<E> {}

  /**
   * The task expires when {@code stillNeeded} returns false (checked before each attempt) or when
   * {@code deadline} has passed since the task was entered; {@code mapping} turns the expiry into a
   * transition. Either condition may be absent, not both. A missing mapping is reported by the
   * validator.
   */
  record Expires<E>(StillNeeded<E> stillNeeded, Duration deadline, ExpiryMapping<E> mapping)
      implements Expiration<E> {
    public Expires {
      if (stillNeeded == null && deadline == null) {
        throw new IllegalArgumentException(
            "an expiry needs a stillNeeded check, a deadline, or both; both were null");
      }
      if (deadline != null) {
        Checks.positive(deadline, "expiry deadline");
      }
    }

    public Optional<Duration> deadlineIfAny() {
      return Optional.ofNullable(deadline);
    }

    public Optional<StillNeeded<E>> stillNeededIfAny() {
      return Optional.ofNullable(stillNeeded);
    }
  }

  /** Whether this task can expire at all. */
  default boolean canExpire() {
    return this instanceof Expires;
  }
}
