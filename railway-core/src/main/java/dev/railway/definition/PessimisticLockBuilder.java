package dev.railway.definition;

/** Builds a PessimisticLock State task: a central lock, and a query for a previous action. */
public final class PessimisticLockBuilder<E, R>
    extends StateTaskBuilder<E, R, PessimisticLockBuilder<E, R>> {
  private Attempt<E, R> attempt;
  private PreviousResult<E, R> previous;

  PessimisticLockBuilder(String name, Class<E> inputType, Class<R> resultType) {
    super(name, inputType, resultType);
  }

  /** The call, tagged with the task identifier so {@link #previous} can find it (required). */
  public PessimisticLockBuilder<E, R> attempt(Attempt<E, R> attempt) {
    this.attempt = Checks.notNull(attempt, "attempt of task '" + name + "'");
    return this;
  }

  /** Finds an earlier completed action by task-id metadata (required). */
  public PessimisticLockBuilder<E, R> previous(PreviousResult<E, R> previous) {
    this.previous = Checks.notNull(previous, "previous of task '" + name + "'");
    return this;
  }

  @Override
  Integration<E, R> integration() {
    return new Integration.PessimisticLock<>(attempt, previous, decider);
  }
}
