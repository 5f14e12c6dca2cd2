package dev.railway.definition;

/** Maps the expiry of a task to one of its declared transitions. */
@FunctionalInterface
public interface ExpiryMapping<E> {
  Object map(E event, String taskId);
}
