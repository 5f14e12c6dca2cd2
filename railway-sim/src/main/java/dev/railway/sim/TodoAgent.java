package dev.railway.sim;

/**
 * Plays the person or system that answers a ToDo during a simulation: given the ToDo's read model,
 * returns the command to submit, or null to leave it open.
 *
 * @param <M> the read model type
 */
@FunctionalInterface
public interface TodoAgent<M> {
  Object answer(M readModel, SimulatedWorld world);
}
