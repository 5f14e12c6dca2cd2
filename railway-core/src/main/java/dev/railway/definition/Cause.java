package dev.railway.definition;

/** Why a task emits an event: the path through the task that produced it. */
public enum Cause {
  /** The task's own decision on a result (State) or on a command (ToDo). */
  DECISION,
  /** The fault mapping, after the backoff gave up: "insist, desist or react". */
  FAULT,
  /** The expiry mapping: the task was no longer needed, or its deadline passed. */
  EXPIRY,
  /** The uncertainty mapping of a BlackBoxed task: a possible failure met its compromise. */
  POSSIBLE_FAILURE;

  /** Lower-case label used in reports and diagrams, e.g. {@code possible failure}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
