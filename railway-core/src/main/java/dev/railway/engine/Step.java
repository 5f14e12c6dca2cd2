package dev.railway.engine;

/**
 * The step boundaries of an attempt that a {@link StepListener} sees, in the terms of DESIGN.md §5.
 * Every integration algorithm passes through them in order: lock write (kinds with a lock), one or
 * more third-party calls, then the recording of the decision (when the attempt decides).
 */
public enum Step {
  /** About to write the attempt's own lock. */
  BEFORE_LOCK_WRITE,
  /** The own lock is written (durable in the store). */
  AFTER_LOCK_WRITE,
  /** About to call the third party; for the action call, after the own lock was re-checked. */
  BEFORE_CALL,
  /** The third-party call returned or threw (not when it was cut short by a crash). */
  AFTER_CALL,
  /** About to record the decision (the linearization point). */
  BEFORE_DECISION,
  /** The decision was recorded, or lost to one recorded first. */
  AFTER_DECISION
}
