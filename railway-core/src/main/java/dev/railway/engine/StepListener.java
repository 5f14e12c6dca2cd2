package dev.railway.engine;

/**
 * Sees every {@link Step} boundary of every attempt, on the thread that runs the attempt, before
 * the engine goes on. It exists for deterministic simulation and for tracing: a simulation blocks
 * here to interleave workers, moves its clock to pause one, or throws a {@link VirtualMachineError}
 * to crash one (the engine treats any other throwable from user code as a fault of the attempt, but
 * never catches a virtual machine error, so it unwinds the attempt like a dead process: nothing
 * more is written, and the store keeps what was written so far).
 *
 * <p>The default, {@link #NONE}, does nothing; a {@link dev.railway.engine.testing.ManualEngine}
 * takes another. A listener runs inside every attempt.
 */
@FunctionalInterface
public interface StepListener {

  /** Does nothing: the production default. */
  StepListener NONE = (step, taskId, attempt, what) -> {};

  /**
   * Called at {@code step} of an attempt.
   *
   * @param taskId the task identifier
   * @param attempt the attempt's identity, as written in lock owners (for a ToDo decision: the
   *     principal; for an expiry or fault-mapping decision: the worker id)
   * @param what for calls, which function is called ({@code attempt}, {@code previous}, {@code
   *     firstStep}, {@code firstSteps}, {@code completed}, {@code secondStep}, {@code undo}); for
   *     locks, {@code lock}; for decisions, the event type before and {@code recorded} or {@code
   *     lost} after
   */
  void at(Step step, String taskId, String attempt, String what);
}
