package dev.railway.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every task builder shares: the identifier, the transition table, and expiry. Structural
 * problems (an event without a target, a missing function) are left to the validator so that all of
 * them are reported at once; bad argument values are rejected here, immediately.
 *
 * @param <E> the event that enters the task
 * @param <B> the concrete builder, returned for chaining
 */
public abstract class TaskBuilder<E, B extends TaskBuilder<E, B>> {
  final String name;
  final Class<E> inputType;
  TaskIdentifier<E> identifier;
  final List<Route> routes = new ArrayList<>();
  final List<Emission> emissions = new ArrayList<>();
  StillNeeded<E> stillNeeded;
  Duration deadline;
  ExpiryMapping<E> expiryMapping;
  boolean cannotExpire;

  TaskBuilder(String name, Class<E> inputType) {
    this.name = Checks.name(name, "task name");
    this.inputType = Checks.notNull(inputType, "input type of task '" + name + "'");
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** How the task identifier is computed from the entering event (required). */
  public B identifiedBy(TaskIdentifier<E> identifier) {
    this.identifier = Checks.notNull(identifier, "identifier of task '" + name + "'");
    return self();
  }

  /** Events of {@code eventType} lead to the task named {@code taskName}. */
  public B goTo(Class<?> eventType, String taskName) {
    Checks.eventType(eventType, "event type routed from task '" + name + "'");
    routes.add(new Route(eventType, Target.toTask(taskName)));
    return self();
  }

  /** Events of {@code eventType} end the workflow instance as its outcome. */
  public B outcome(Class<?> eventType) {
    Checks.eventType(eventType, "outcome event type of task '" + name + "'");
    routes.add(new Route(eventType, Target.outcome()));
    return self();
  }

  /**
   * The task expires once {@code deadline} has passed since it was entered.
   *
   * <p>What an expiry means: <em>nothing may have happened</em>. An expiry never contradicts an
   * effect that may have happened, so for a State task with a lock the deadline can be decided
   * later than it passed: while an attempt's lock lives no expiry is recorded (the task waits for
   * it); a PessimisticLock task first asks {@code previous} and an OptimisticLock task asks {@code
   * completed} (found: the task decides with that result, and an OptimisticLock task undoes the
   * first steps that dead attempts left); a BlackBoxed task whose earlier attempt may have acted
   * takes its possible-failure path (its compromise; one that would call again takes the
   * uncertainty mapping, since no call starts after the deadline). Only when none of these applies
   * is the expiry mapping used. An Idempotent task and a ToDo expire on time.
   */
  public B expiresAfter(Duration deadline) {
    this.deadline = Checks.positive(deadline, "expiry deadline of task '" + name + "'");
    return self();
  }

  /**
   * The task expires when {@code stillNeeded} returns false before an attempt or a command; the
   * expiry then follows the same rule as a passed deadline (see {@link #expiresAfter(Duration)}).
   */
  public B stillNeeded(StillNeeded<E> stillNeeded) {
    this.stillNeeded = Checks.notNull(stillNeeded, "stillNeeded of task '" + name + "'");
    return self();
  }

  /**
   * Maps the task's expiry to a transition, declaring the event types it may return. The mapping
   * runs only when nothing may have happened (see {@link #expiresAfter(Duration)}).
   */
  public B onExpiry(ExpiryMapping<E> mapping, Class<?>... emits) {
    this.expiryMapping = Checks.notNull(mapping, "expiry mapping of task '" + name + "'");
    declare(Cause.EXPIRY, "expiry mapping", emits);
    return self();
  }

  /** Convenience for the common case: a deadline and its mapping. */
  public B expiresAfter(Duration deadline, ExpiryMapping<E> mapping, Class<?>... emits) {
    return expiresAfter(deadline).onExpiry(mapping, emits);
  }

  /** Declares what {@code function} may emit; calling its setter again replaces the declaration. */
  final void declare(Cause cause, String function, Class<?>... emits) {
    emissions.removeIf(e -> e.cause() == cause);
    if (emits == null || emits.length == 0) {
      throw new IllegalArgumentException(
          "the "
              + function
              + " of task '"
              + name
              + "' must declare the event types it may return, e.g. "
              + "decide(fn, Accepted.class, Rejected.class)");
    }
    for (Class<?> type : emits) {
      Checks.eventType(type, "event type of the " + function + " of task '" + name + "'");
      emissions.add(new Emission(type, cause));
    }
  }

  final Expiration<E> expiration() {
    if (cannotExpire && (stillNeeded != null || deadline != null || expiryMapping != null)) {
      throw new IllegalStateException(
          "task '" + name + "' declares cannotExpire() and an expiry; choose one");
    }
    if (cannotExpire) {
      return new Expiration.CannotExpire<>();
    }
    if (stillNeeded == null && deadline == null) {
      if (expiryMapping != null) {
        throw new IllegalStateException(
            "task '"
                + name
                + "' has an expiry mapping but no way to expire: add expiresAfter(Duration) or"
                + " stillNeeded(fn)");
      }
      return new Expiration.Undeclared<>();
    }
    return new Expiration.Expires<>(stillNeeded, deadline, expiryMapping);
  }
}
