package dev.railway.definition;

import java.time.Duration;

/**
 * What the four State builders share: the decision, retries, the fault mapping and timeouts.
 *
 * @param <E> the event that enters the task
 * @param <R> the result of the third-party action
 * @param <B> the concrete builder
 */
public abstract class StateTaskBuilder<E, R, B extends StateTaskBuilder<E, R, B>>
    extends TaskBuilder<E, B> {
  /** Default attempt timeout: long enough for a slow HTTP call, short enough to notice a hang. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  /** Default grace between an attempt's timeout and its lock's expiry. */
  public static final Duration DEFAULT_LOCK_GRACE = Duration.ofSeconds(5);

  final Class<R> resultType;
  Decider<E, R> decider;
  Backoff<E> backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, 10);
  FaultMapping<E> faultMapping;
  Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
  Duration lockGrace = DEFAULT_LOCK_GRACE;

  StateTaskBuilder(String name, Class<E> inputType, Class<R> resultType) {
    super(name, inputType);
    this.resultType = Checks.notNull(resultType, "result type of task '" + name + "'");
  }

  /** Chooses the transition from the action's result, declaring the event types it may return. */
  public B decide(Decider<E, R> decider, Class<?>... emits) {
    this.decider = Checks.notNull(decider, "decider of task '" + name + "'");
    declare(Cause.DECISION, "decision", emits);
    return self();
  }

  /** How faults are retried; defaults to exponential backoff from 1 s to 5 min, 10 attempts. */
  public B backoff(Backoff<E> backoff) {
    this.backoff = Checks.notNull(backoff, "backoff of task '" + name + "'");
    return self();
  }

  /** Maps a fault, once the backoff gives up, to a transition (required). */
  public B onFault(FaultMapping<E> mapping, Class<?>... emits) {
    this.faultMapping = Checks.notNull(mapping, "fault mapping of task '" + name + "'");
    declare(Cause.FAULT, "fault mapping", emits);
    return self();
  }

  /** How long one attempt may run before it is interrupted; defaults to 30 s. */
  public B attemptTimeout(Duration timeout) {
    this.attemptTimeout = Checks.positive(timeout, "attempt timeout of task '" + name + "'");
    return self();
  }

  /**
   * Extra time a lock lives past the attempt timeout; defaults to 5 s. A process paused longer than
   * this after its lock expired may act concurrently with the next attempt: choose it longer than
   * your worst expected GC or VM pause.
   */
  public B lockGrace(Duration grace) {
    this.lockGrace = Checks.notNegative(grace, "lock grace of task '" + name + "'");
    return self();
  }

  abstract Integration<E, R> integration();

  public StateTask<E, R> build() {
    return new StateTask<>(
        name,
        inputType,
        resultType,
        identifier,
        integration(),
        backoff,
        faultMapping,
        expiration(),
        attemptTimeout,
        lockGrace,
        routes,
        emissions);
  }
}
