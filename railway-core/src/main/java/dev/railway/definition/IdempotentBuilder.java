package dev.railway.definition;

/** Builds an Idempotent State task: the task identifier is the third party's idempotency key. */
public final class IdempotentBuilder<E, R> extends StateTaskBuilder<E, R, IdempotentBuilder<E, R>> {
  private Attempt<E, R> attempt;

  IdempotentBuilder(String name, Class<E> inputType, Class<R> resultType) {
    super(name, inputType, resultType);
  }

  /** The call, made with the task identifier as its idempotency key (required). */
  public IdempotentBuilder<E, R> attempt(Attempt<E, R> attempt) {
    this.attempt = Checks.notNull(attempt, "attempt of task '" + name + "'");
    return this;
  }

  @Override
  Integration<E, R> integration() {
    return new Integration.Idempotent<>(attempt, decider);
  }
}
