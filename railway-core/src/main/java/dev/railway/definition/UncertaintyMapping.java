package dev.railway.definition;

import java.time.Instant;

/**
 * BlackBoxed: maps a possible failure (an earlier attempt started, its lock expired, and neither a
 * result nor a fault was recorded) to a declared transition.
 */
@FunctionalInterface
public interface UncertaintyMapping<E> {
  Object map(E event, String taskId, Instant previousAttemptStartedAt);
}
