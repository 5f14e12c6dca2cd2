package dev.railway.definition;

/** Builds a ToDo task: a read model, an endpoint, access control, a data contract, a decision. */
public final class TodoBuilder<E, M, C> extends TaskBuilder<E, TodoBuilder<E, M, C>> {
  private final Class<M> readModelType;
  private final Class<C> commandType;
  private ReadModelFunction<E, M> readModel;
  private Endpoint endpoint;
  private AccessRule<M> accessRule;
  private DataContract<C> contract;
  private CommandLocator<C> locator;
  private TodoDecider<M, C> decider;

  TodoBuilder(String name, Class<E> inputType, Class<M> readModelType, Class<C> commandType) {
    super(name, inputType);
    this.readModelType = Checks.notNull(readModelType, "read model type of task '" + name + "'");
    this.commandType = Checks.notNull(commandType, "command type of task '" + name + "'");
  }

  /** Builds the read model from the entering event (required). */
  public TodoBuilder<E, M, C> readModel(ReadModelFunction<E, M> readModel) {
    this.readModel = Checks.notNull(readModel, "read model function of task '" + name + "'");
    return this;
  }

  /**
   * Where commands arrive: an HTTP route segment or a queue (defaults to a route named after the
   * task).
   */
  public TodoBuilder<E, M, C> endpoint(Endpoint endpoint) {
    this.endpoint = Checks.notNull(endpoint, "endpoint of task '" + name + "'");
    return this;
  }

  /** Who may see the read model and act on it (required). */
  public TodoBuilder<E, M, C> access(AccessRule<M> accessRule) {
    this.accessRule = Checks.notNull(accessRule, "access rule of task '" + name + "'");
    return this;
  }

  /**
   * Who may see and answer the ToDo (required), with {@code who} saying it in words for reviews,
   * e.g. {@code access("the customer who placed the order, or support", rule)}.
   */
  public TodoBuilder<E, M, C> access(String who, AccessRule<M> accessRule) {
    Checks.notNull(accessRule, "access rule of task '" + name + "'");
    this.accessRule = new DescribedAccessRule<>(who, accessRule);
    return this;
  }

  /** The command's data contract: lists every violation, empty when valid (required). */
  public TodoBuilder<E, M, C> contract(DataContract.Check<C> check) {
    this.contract = new DataContract<>(commandType, check);
    return this;
  }

  /** Finds the task identifier from a command's own data, for queue and webhook endpoints. */
  public TodoBuilder<E, M, C> locatedBy(CommandLocator<C> locator) {
    this.locator = Checks.notNull(locator, "command locator of task '" + name + "'");
    return this;
  }

  /** Decides from the read model and the command only, declaring the event types (required). */
  public TodoBuilder<E, M, C> decide(TodoDecider<M, C> decider, Class<?>... emits) {
    this.decider = Checks.notNull(decider, "decider of task '" + name + "'");
    declare(Cause.DECISION, "decision", emits);
    return this;
  }

  /**
   * Decides from the read model, the command and the principal that sent it (the authenticated
   * caller, e.g. for an "approved by" that the command cannot spoof), declaring the event types.
   */
  public TodoBuilder<E, M, C> decide(AnsweredDecider<M, C> decider, Class<?>... emits) {
    Checks.notNull(decider, "decider of task '" + name + "'");
    return decide(new WithPrincipal<>(decider), emits);
  }

  /** Adapts an {@link AnsweredDecider}: the engine always decides with the principal. */
  private record WithPrincipal<M, C>(AnsweredDecider<M, C> decider) implements TodoDecider<M, C> {
    @Override
    public Object decide(M readModel, C command) {
      throw new IllegalStateException(
          "this ToDo decides with the principal that answered: call decide(readModel, command,"
              + " principal)");
    }

    @Override
    public Object decide(M readModel, C command, Principal answeredBy) {
      return decider.decide(readModel, command, answeredBy);
    }
  }

  /** Declares, explicitly, that this ToDo waits forever. */
  public TodoBuilder<E, M, C> cannotExpire() {
    this.cannotExpire = true;
    return this;
  }

  public TodoTask<E, M, C> build() {
    return new TodoTask<>(
        name,
        inputType,
        readModelType,
        identifier,
        readModel,
        endpoint == null ? Endpoint.httpRoute(name) : endpoint,
        accessRule,
        contract,
        locator,
        decider,
        expiration(),
        routes,
        emissions);
  }
}
