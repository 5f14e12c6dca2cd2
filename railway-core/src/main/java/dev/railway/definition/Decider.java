package dev.railway.definition;

/**
 * Chooses the transition of a State task from the result of its action. It must return one of the
 * event types declared for the decision; anything else is rejected with an error naming the task
 * and the event type.
 */
@FunctionalInterface
public interface Decider<E, R> {
  Object decide(E event, R result);
}
