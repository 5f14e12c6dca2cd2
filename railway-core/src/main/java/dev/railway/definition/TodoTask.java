package dev.railway.definition;

import java.util.List;

/**
 * A task that waits for an external action: a person, a webhook, a message. On entry its read model
 * is built from the event and stored; a command then goes through authentication, the {@code
 * accessRule}, the {@code contract} and {@code decider}, and the first decision wins. Build one
 * with {@link Tasks#todo}.
 */
public record TodoTask<E, M, C>(
    String name,
    Class<E> inputType,
    Class<M> readModelType,
    TaskIdentifier<E> identifier,
    ReadModelFunction<E, M> readModel,
    Endpoint endpoint,
    AccessRule<M> accessRule,
    DataContract<C> contract,
    CommandLocator<C> locator,
    TodoDecider<M, C> decider,
    Expiration<E> expiration,
    List<Route> routes,
    List<Emission> emissions)
    implements Task<E> {

  public TodoTask {
    Checks.name(name, "task name");
    Checks.notNull(inputType, "input type of task '" + name + "'");
    Checks.notNull(readModelType, "read model type of task '" + name + "'");
    Checks.notNull(expiration, "expiration of task '" + name + "'");
    routes = List.copyOf(routes);
    emissions = List.copyOf(emissions);
  }

  @Override
  public String shape() {
    return "ToDo";
  }
}
