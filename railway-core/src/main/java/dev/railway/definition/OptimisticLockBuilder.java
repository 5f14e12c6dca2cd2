package dev.railway.definition;

/** Builds an OptimisticLock State task for a two-step third party with a cancellable first step. */
public final class OptimisticLockBuilder<E, S, R>
    extends StateTaskBuilder<E, R, OptimisticLockBuilder<E, S, R>> {
  private FirstStep<E, S> firstStep;
  private FirstSteps<E, S> firstSteps;
  private CompletedResult<E, R> completed;
  private SecondStep<E, S, R> secondStep;
  private Undo<E, S> undo;

  OptimisticLockBuilder(String name, Class<E> inputType, Class<R> resultType) {
    super(name, inputType, resultType);
  }

  /** Performs the first, cancellable step tagged with the task identifier (required). */
  public OptimisticLockBuilder<E, S, R> firstStep(FirstStep<E, S> firstStep) {
    this.firstStep = Checks.notNull(firstStep, "firstStep of task '" + name + "'");
    return this;
  }

  /** Lists live first steps for the task identifier, oldest first (required). */
  public OptimisticLockBuilder<E, S, R> firstSteps(FirstSteps<E, S> firstSteps) {
    this.firstSteps = Checks.notNull(firstSteps, "firstSteps of task '" + name + "'");
    return this;
  }

  /** Finds a completed second step for the task identifier (required). */
  public OptimisticLockBuilder<E, S, R> completed(CompletedResult<E, R> completed) {
    this.completed = Checks.notNull(completed, "completed of task '" + name + "'");
    return this;
  }

  /** Completes the action from the caller's own first step (required). */
  public OptimisticLockBuilder<E, S, R> secondStep(SecondStep<E, S, R> secondStep) {
    this.secondStep = Checks.notNull(secondStep, "secondStep of task '" + name + "'");
    return this;
  }

  /** Cancels a losing first step (optional; without it, losers' holds are left to expire). */
  public OptimisticLockBuilder<E, S, R> undo(Undo<E, S> undo) {
    this.undo = Checks.notNull(undo, "undo of task '" + name + "'");
    return this;
  }

  @Override
  Integration<E, R> integration() {
    return new Integration.OptimisticLock<>(
        firstStep, firstSteps, completed, secondStep, undo, decider);
  }
}
