package dev.railway.definition;

/**
 * OptimisticLock: performs the first, cancellable step (for example a reservation hold) tagged with
 * the task identifier, and returns a handle that identifies it among {@link FirstSteps}.
 */
@FunctionalInterface
public interface FirstStep<E, S> {
  S firstStep(E event, String taskId) throws Exception;
}
