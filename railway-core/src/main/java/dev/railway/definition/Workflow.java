package dev.railway.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named, versioned graph of tasks, started by a trigger event type. Immutable; build one with
 * {@link #builder(String, Class)} and check it with the validator before running it.
 *
 * <p>Default exits: a task that declares no fault mapping (a State) or no expiry mapping (a task
 * that can expire) and whose input the workflow's {@link DefaultExit} accepts uses that exit;
 * {@link #tasks()} holds the tasks with it applied (its mapping, its event types, and a route to
 * the outcome unless the task routes that event itself), so running them needs nothing else, and
 * {@link #usesDefaultExit} tells which ones use it, for diagrams and reports.
 *
 * @param triggerId derives the trigger's event id (used to deduplicate redelivered triggers) from
 *     the trigger itself; may be null, then callers pass the event id when starting an instance
 * @param defaultFault the implicit fault exit, or null
 * @param defaultExpiry the implicit expiry exit, or null
 */
public record Workflow<T>(
    String name,
    int version,
    Class<T> triggerType,
    String startTask,
    List<Task<?>> tasks,
    Function<T, String> triggerId,
    DefaultExit<?> defaultFault,
    DefaultExit<?> defaultExpiry) {

  public Workflow {
    Checks.name(name, "workflow name");
    Checks.atLeast(version, 1, "version of workflow '" + name + "'");
    Checks.notNull(triggerType, "trigger type of workflow '" + name + "'");
    Checks.name(startTask, "start task of workflow '" + name + "'");
    if (defaultFault != null && defaultFault.cause() != Cause.FAULT) {
      throw new IllegalArgumentException(
          "the default fault exit of workflow '" + name + "' is a default " + defaultFault.cause());
    }
    if (defaultExpiry != null && defaultExpiry.cause() != Cause.EXPIRY) {
      throw new IllegalArgumentException(
          "the default expiry exit of workflow '"
              + name
              + "' is a default "
              + defaultExpiry.cause());
    }
    tasks = DefaultExits.apply(List.copyOf(tasks), defaultFault, defaultExpiry);
  }

  /** A workflow without default exits. */
  public Workflow(
      String name,
      int version,
      Class<T> triggerType,
      String startTask,
      List<Task<?>> tasks,
      Function<T, String> triggerId) {
    this(name, version, triggerType, startTask, tasks, triggerId, null, null);
  }

  /**
   * Whether {@code task} handles {@code cause} ({@link Cause#FAULT} or {@link Cause#EXPIRY})
   * through the workflow's default exit rather than a mapping of its own.
   */
  public boolean usesDefaultExit(Task<?> task, Cause cause) {
    return switch (cause) {
      case FAULT ->
          defaultFault != null
              && task instanceof StateTask<?, ?> state
              && state.faultMapping() == defaultFault.faultMapping();
      case EXPIRY ->
          defaultExpiry != null
              && task.expiration() instanceof Expiration.Expires<?> expires
              && expires.mapping() == defaultExpiry.expiryMapping();
      case DECISION, POSSIBLE_FAILURE -> false;
    };
  }

  /** The default exit for {@code cause}, if the workflow declares one. */
  public Optional<DefaultExit<?>> defaultExit(Cause cause) {
    return Optional.ofNullable(
        switch (cause) {
          case FAULT -> defaultFault;
          case EXPIRY -> defaultExpiry;
          case DECISION, POSSIBLE_FAILURE -> null;
        });
  }

  public static <T> Builder<T> builder(String name, Class<T> triggerType) {
    return new Builder<>(name, triggerType);
  }

  /** The first task with this name, if any. */
  public Optional<Task<?>> task(String taskName) {
    return tasks.stream().filter(t -> t.name().equals(taskName)).findFirst();
  }

  /** {@code name@version}, as used in logs and stored streams. */
  public String id() {
    return name + "@" + version;
  }

  /** Builds a {@link Workflow}; duplicate or dangling names are left for the validator. */
  public static final class Builder<T> {
    private final String name;
    private final Class<T> triggerType;
    private int version = 1;
    private String startTask;
    private final List<Task<?>> tasks = new ArrayList<>();
    private Function<T, String> triggerId;
    private DefaultExit<?> defaultFault;
    private DefaultExit<?> defaultExpiry;

    private Builder(String name, Class<T> triggerType) {
      this.name = Checks.name(name, "workflow name");
      this.triggerType = Checks.notNull(triggerType, "trigger type of workflow '" + name + "'");
    }

    public Builder<T> version(int version) {
      this.version = Checks.atLeast(version, 1, "version of workflow '" + name + "'");
      return this;
    }

    /** The task the trigger event enters (required). */
    public Builder<T> startAt(String taskName) {
      this.startTask = Checks.name(taskName, "start task of workflow '" + name + "'");
      return this;
    }

    public Builder<T> task(Task<?> task) {
      tasks.add(Checks.notNull(task, "task of workflow '" + name + "'"));
      return this;
    }

    public Builder<T> tasks(Task<?>... tasks) {
      for (Task<?> t : tasks) {
        task(t);
      }
      return this;
    }

    /** Derives the trigger's event id from the trigger, for deduplication. */
    public Builder<T> triggerId(Function<T, String> triggerId) {
      this.triggerId = Checks.notNull(triggerId, "trigger id of workflow '" + name + "'");
      return this;
    }

    /**
     * The implicit fault exit: a State task without a fault mapping of its own, whose input is an
     * {@code accepts}, maps its faults (once the backoff gives up) with {@code mapping}, whose
     * declared events end the workflow as its outcome.
     */
    public <E> Builder<T> defaultFault(
        Class<E> accepts, FaultMapping<E> mapping, Class<?>... emits) {
      this.defaultFault =
          new DefaultExit<>(Cause.FAULT, accepts, mapping, null, declared(emits, "defaultFault"));
      return this;
    }

    /**
     * The implicit expiry exit: a task that can expire but has no expiry mapping of its own, whose
     * input is an {@code accepts}, maps its expiry with {@code mapping}, whose declared events end
     * the workflow as its outcome. It gives no task a deadline: each task still says whether and
     * when it expires.
     */
    public <E> Builder<T> defaultExpiry(
        Class<E> accepts, ExpiryMapping<E> mapping, Class<?>... emits) {
      this.defaultExpiry =
          new DefaultExit<>(Cause.EXPIRY, accepts, null, mapping, declared(emits, "defaultExpiry"));
      return this;
    }

    private List<Class<?>> declared(Class<?>[] emits, String method) {
      if (emits == null || emits.length == 0) {
        throw new IllegalArgumentException(
            method
                + " of workflow '"
                + name
                + "' must declare the outcome event types it may return, e.g. "
                + method
                + "(Event.class, fn, Cancelled.class)");
      }
      return Arrays.asList(emits);
    }

    public Workflow<T> build() {
      if (startTask == null) {
        throw new IllegalStateException(
            "workflow '" + name + "' has no start task: call startAt(\"task-name\")");
      }
      return new Workflow<>(
          name, version, triggerType, startTask, tasks, triggerId, defaultFault, defaultExpiry);
    }
  }
}
