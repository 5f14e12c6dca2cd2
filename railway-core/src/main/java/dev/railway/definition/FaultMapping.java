package dev.railway.definition;

/**
 * Turns a fault into a business transition once the backoff gives up: desist (continue towards
 * another State) or react (continue towards a ToDo).
 */
@FunctionalInterface
public interface FaultMapping<E> {
  Object map(Throwable error, E event, String taskId);
}
