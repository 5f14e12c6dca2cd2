package dev.railway.definition;

import java.time.Duration;
import java.util.List;

/**
 * A task that performs one action now against a third party, then decides. Build one with {@link
 * Tasks}.
 *
 * @param attemptTimeout how long one attempt may take before it is interrupted
 * @param lockGrace added to the timeout to form the lock's time to live; it bounds how long a
 *     paused process may still act after its lock expired (the documented residual assumption)
 */
public record StateTask<E, R>(
    String name,
    Class<E> inputType,
    Class<R> resultType,
    TaskIdentifier<E> identifier,
    Integration<E, R> integration,
    Backoff<E> backoff,
    FaultMapping<E> faultMapping,
    Expiration<E> expiration,
    Duration attemptTimeout,
    Duration lockGrace,
    List<Route> routes,
    List<Emission> emissions)
    implements Task<E> {

  public StateTask {
    Checks.name(name, "task name");
    Checks.notNull(inputType, "input type of task '" + name + "'");
    Checks.notNull(resultType, "result type of task '" + name + "'");
    Checks.notNull(integration, "integration of task '" + name + "'");
    Checks.notNull(backoff, "backoff of task '" + name + "'");
    Checks.notNull(expiration, "expiration of task '" + name + "'");
    Checks.positive(attemptTimeout, "attempt timeout of task '" + name + "'");
    Checks.notNegative(lockGrace, "lock grace of task '" + name + "'");
    routes = List.copyOf(routes);
    emissions = List.copyOf(emissions);
  }

  public IntegrationKind kind() {
    return integration.kind();
  }

  /** Time to live of this task's locks: the attempt timeout plus the grace period. */
  public Duration lockTtl() {
    return attemptTimeout.plus(lockGrace);
  }

  @Override
  public String shape() {
    return "State/" + kind().displayName();
  }
}
