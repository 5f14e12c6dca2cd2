package dev.railway.definition;

import java.util.Optional;

/**
 * PessimisticLock: asks the third party whether the action was already performed for this task
 * identifier (queried by task-id metadata) and, if so, returns its result.
 */
@FunctionalInterface
public interface PreviousResult<E, R> {
  Optional<R> previous(E event, String taskId) throws Exception;
}
