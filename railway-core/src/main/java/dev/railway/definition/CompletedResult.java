package dev.railway.definition;

import java.util.Optional;

/** OptimisticLock: the result of a completed second step for this task identifier, if any. */
@FunctionalInterface
public interface CompletedResult<E, R> {
  Optional<R> completed(E event, String taskId) throws Exception;
}
