package dev.railway.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named, versioned graph of tasks, started by a trigger event type. Immutable; build one with
 * {@link #builder(String, Class)} and check it with the validator before running it.
 *
 * @param triggerId derives the trigger's event id (used to deduplicate redelivered triggers) from
 *     the trigger itself; may be null, then callers pass the event id when starting an instance
 */
public record Workflow<T>(
    String name,
    int version,
    Class<T> triggerType,
    String startTask,
    List<Task<?>> tasks,
    Function<T, String> triggerId) {

  public Workflow {
    Checks.name(name, "workflow name");
    Checks.atLeast(version, 1, "version of workflow '" + name + "'");
    Checks.notNull(triggerType, "trigger type of workflow '" + name + "'");
    Checks.name(startTask, "start task of workflow '" + name + "'");
    tasks = List.copyOf(tasks);
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

    public Workflow<T> build() {
      if (startTask == null) {
        throw new IllegalStateException(
            "workflow '" + name + "' has no start task: call startAt(\"task-name\")");
      }
      return new Workflow<>(name, version, triggerType, startTask, tasks, triggerId);
    }
  }
}
