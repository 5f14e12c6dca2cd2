package dev.railway.definition;

/**
 * Decides a ToDo from its read model and the received command, <em>and nothing else</em>: no I/O,
 * so the decision is reproducible from stored data.
 */
@FunctionalInterface
public interface TodoDecider<M, C> {
  Object decide(M readModel, C command);
}
