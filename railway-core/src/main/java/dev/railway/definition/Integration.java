package dev.railway.definition;

import java.util.function.Predicate;

/**
 * The functions a State task needs for its integration kind, exactly as the design lists them.
 * Missing functions are left {@code null} by the builders and reported by the validator, so that
 * every problem of a definition is listed at once.
 *
 * @param <E> the event that triggers the task
 * @param <R> the result of the third-party action
 */
public sealed interface Integration<E, R> {

  IntegrationKind kind();

  /** Chooses the transition from the result; shared by every kind. */
  Decider<E, R> decider();

  /** Idempotent: {@code attempt(event, taskId)} with the task id as the idempotency key. */
  record Idempotent<E, R>(Attempt<E, R> attempt, Decider<E, R> decider)
      implements Integration<E, R> {
    @Override
    public IntegrationKind kind() {
      return IntegrationKind.IDEMPOTENT;
    }
  }

  /** PessimisticLock: {@code attempt} under a central lock, and {@code previous} to find one. */
  record PessimisticLock<E, R>(
      Attempt<E, R> attempt, PreviousResult<E, R> previous, Decider<E, R> decider)
      implements Integration<E, R> {
    @Override
    public IntegrationKind kind() {
      return IntegrationKind.PESSIMISTIC_LOCK;
    }
  }

  /**
   * OptimisticLock: a cancellable {@code firstStep}, the live {@code firstSteps} for the task, any
   * {@code completed} second step, the {@code secondStep}, and an optional {@code undo}.
   *
   * @param <S> the handle of a first step
   */
  record OptimisticLock<E, S, R>(
      FirstStep<E, S> firstStep,
      FirstSteps<E, S> firstSteps,
      CompletedResult<E, R> completed,
      SecondStep<E, S, R> secondStep,
      Undo<E, S> undo,
      Decider<E, R> decider)
      implements Integration<E, R> {
    @Override
    public IntegrationKind kind() {
      return IntegrationKind.OPTIMISTIC_LOCK;
    }
  }

  /**
   * BlackBoxed: an opaque {@code attempt}, the {@code compromise} for a possible failure and the
   * {@code uncertainty} mapping it falls back to; {@code nothingDone} says which errors prove that
   * nothing was done (every other error counts as unknown).
   */
  record BlackBoxed<E, R>(
      Attempt<E, R> attempt,
      Decider<E, R> decider,
      Compromise compromise,
      UncertaintyMapping<E> uncertainty,
      Predicate<Throwable> nothingDone)
      implements Integration<E, R> {
    @Override
    public IntegrationKind kind() {
      return IntegrationKind.BLACK_BOXED;
    }
  }
}
