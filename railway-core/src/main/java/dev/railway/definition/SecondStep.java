package dev.railway.definition;

/** OptimisticLock: completes the action from the caller's own first step. */
@FunctionalInterface
public interface SecondStep<E, S, R> {
  R secondStep(E event, String taskId, S own) throws Exception;
}
