package dev.railway.definition;

import java.util.Objects;

/** Where a transition leads: another task of the workflow, or out of it as its outcome. */
public sealed interface Target {

  /** The transition enters the named task. */
  record ToTask(String taskName) implements Target {
    public ToTask {
      Checks.name(taskName, "target task name");
    }
  }

  /** The transition ends the workflow instance; the event is its outcome. */
  record Outcome() implements Target {}

  static Target toTask(String taskName) {
    return new ToTask(taskName);
  }

  static Target outcome() {
    return new Outcome();
  }

  /** Human-readable form used in reports. */
  default String describe() {
    return switch (this) {
      case ToTask t -> "task '" + Objects.requireNonNull(t.taskName()) + "'";
      case Outcome o -> "outcome";
    };
  }
}
