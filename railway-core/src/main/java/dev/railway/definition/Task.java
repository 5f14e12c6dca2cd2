package dev.railway.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a workflow: a {@link TodoTask} waits for an external action; a {@link StateTask}
 * performs one action now, then decides. Either way its only product is a transition: a declared
 * event that leads to another task or out of the workflow as its outcome.
 *
 * @param <E> the event that enters the task
 */
public sealed interface Task<E> permits StateTask, TodoTask {

  String name();

  /** The type of the events that enter this task (a record or a sealed interface of records). */
  Class<E> inputType();

  TaskIdentifier<E> identifier();

  Expiration<E> expiration();

  /**
   * The transition table, in declaration order (duplicates kept so the validator can name them).
   */
  List<Route> routes();

  /** Every event type the task's functions may return, and through which path. */
  List<Emission> emissions();

  /** Event types emitted through {@code cause}, in declaration order. */
  default Set<Class<?>> emitted(Cause cause) {
    Set<Class<?>> types = new LinkedHashSet<>();
    for (Emission e : emissions()) {
      if (e.cause() == cause) {
        types.add(e.eventType());
      }
    }
    return types;
  }

  /** Every event type the task may emit, in declaration order. */
  default Set<Class<?>> emittedTypes() {
    Set<Class<?>> types = new LinkedHashSet<>();
    emissions().forEach(e -> types.add(e.eventType()));
    return types;
  }

  /** The first declared target for an event type, if any. */
  default Optional<Target> targetOf(Class<?> eventType) {
    return routes().stream()
        .filter(r -> r.eventType().equals(eventType))
        .map(Route::target)
        .findFirst();
  }

  /** The paper's common-language category: To Do, Trivial, Deterministic or Opaque. */
  default Category category() {
    return Category.of(this);
  }

  /**
   * Short description of the shape and kind, e.g. {@code State/PessimisticLock} or {@code ToDo}.
   */
  String shape();
}
