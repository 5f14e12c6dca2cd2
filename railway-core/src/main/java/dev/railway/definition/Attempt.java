package dev.railway.definition;

/**
 * Performs the action against the third party. Any exception is a fault, handed to the backoff and,
 * once it gives up, to the fault mapping.
 */
@FunctionalInterface
public interface Attempt<E, R> {
  R attempt(E event, String taskId) throws Exception;
}
