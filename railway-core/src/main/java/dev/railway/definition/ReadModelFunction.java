package dev.railway.definition;

/** Builds a ToDo's read model from the event that entered it; stored when the ToDo opens. */
@FunctionalInterface
public interface ReadModelFunction<E, M> {
  M readModel(E event, String taskId);
}
