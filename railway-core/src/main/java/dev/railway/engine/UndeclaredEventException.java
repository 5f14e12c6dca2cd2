package dev.railway.engine;

import dev.railway.definition.Cause;
import java.util.Collection;
import java.util.stream.Collectors;

/** A task's function returned an event it did not declare; the engine refuses to record it. */
public final class UndeclaredEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UndeclaredEventException(String task, Cause cause, Object event, Collection<Class<?>> declared) {
    super(
        "task '"
            + task
            + "' returned "
            + (event == null ? "null" : event.getClass().getName())
            + " from its "
            + cause.label()
            + " path, which declares only "
            + declared.stream()
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "[", "]"))
            + "; declare the event type and its target in the task definition");
  }
}
