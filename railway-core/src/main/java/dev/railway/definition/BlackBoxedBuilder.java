package dev.railway.definition;

import java.util.function.Predicate;

/** Builds a BlackBoxed State task: an opaque third party, and a compromise for possible failure. */
public final class BlackBoxedBuilder<E, R> extends StateTaskBuilder<E, R, BlackBoxedBuilder<E, R>> {
  private Attempt<E, R> attempt;
  private Compromise compromise;
  private UncertaintyMapping<E> uncertainty;
  private Predicate<Throwable> nothingDone = error -> error instanceof NothingDoneException;

  BlackBoxedBuilder(String name, Class<E> inputType, Class<R> resultType) {
    super(name, inputType, resultType);
  }

  /** The opaque call (required). */
  public BlackBoxedBuilder<E, R> attempt(Attempt<E, R> attempt) {
    this.attempt = Checks.notNull(attempt, "attempt of task '" + name + "'");
    return this;
  }

  /**
   * The compromise for a possible failure, and the uncertainty mapping it falls back to (given
   * {@code previousAttemptStartedAt}), declaring the event types that mapping may return
   * (required).
   */
  public BlackBoxedBuilder<E, R> compromise(
      Compromise compromise, UncertaintyMapping<E> uncertainty, Class<?>... emits) {
    this.compromise = Checks.notNull(compromise, "compromise of task '" + name + "'");
    this.uncertainty = Checks.notNull(uncertainty, "uncertainty mapping of task '" + name + "'");
    declare(Cause.POSSIBLE_FAILURE, "uncertainty mapping", emits);
    return this;
  }

  /**
   * The {@link Compromise.AtLeastOnce} compromise, which never gives up on a possible failure and
   * so needs no uncertainty mapping. Every other compromise needs one: use {@link
   * #compromise(Compromise, UncertaintyMapping, Class[])}.
   */
  public BlackBoxedBuilder<E, R> compromise(Compromise compromise) {
    Checks.notNull(compromise, "compromise of task '" + name + "'");
    if (!(compromise instanceof Compromise.AtLeastOnce)) {
      throw new IllegalArgumentException(
          "the "
              + compromise.describe()
              + " compromise of task '"
              + name
              + "' needs an uncertainty mapping: compromise(compromise, (event, taskId, startedAt) ->"
              + " ..., Event.class)");
    }
    this.compromise = compromise;
    this.uncertainty = null;
    emissions.removeIf(e -> e.cause() == Cause.POSSIBLE_FAILURE);
    return this;
  }

  /**
   * Which errors prove that the third party did nothing; defaults to {@link NothingDoneException}.
   * Every other error, a timeout or a lost response is unknown and surfaces as a possible failure.
   */
  public BlackBoxedBuilder<E, R> nothingDoneWhen(Predicate<Throwable> classifier) {
    this.nothingDone = Checks.notNull(classifier, "nothingDone classifier of task '" + name + "'");
    return this;
  }

  @Override
  Integration<E, R> integration() {
    return new Integration.BlackBoxed<>(attempt, decider, compromise, uncertainty, nothingDone);
  }
}
