package dev.railway.engine.testing;

import dev.railway.engine.CallTimeouts;
import dev.railway.engine.Engine;
import dev.railway.engine.StepListener;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;

/**
 * An engine driven by hand, for tests and simulations (as db-scheduler's {@code ManualScheduler}):
 * nothing runs in the background unless {@link #startWorkers()} is called, every write and
 * third-party call happens on the thread that reached it (the engine's executor is a direct one, so
 * no real-time timeout cuts a call), and the caller decides what runs when: {@link #runDueTasks()}
 * for one pass over what is due by the clock, {@link #runClaimed} for one task it claimed itself,
 * {@link #deliverOutcomes()} for the outbox. Give it a {@link SettableClock} (with {@link
 * Engine.Builder#clock}) and time is what the test says it is.
 *
 * <pre>{@code
 * SettableClock clock = new SettableClock();
 * Store store = new InMemoryStore(clock);
 * ManualEngine engine = ManualEngine.of(Engine.builder(store).clock(clock).workflow(orders));
 * engine.trigger(orders, order);
 * engine.runDueTasks();
 * clock.advance(Duration.ofMinutes(5));
 * engine.runDueTasks();
 * }</pre>
 */
public final class ManualEngine extends Engine {

  private ManualEngine(Engine.Builder builder, StepListener steps, CallTimeouts callTimeouts) {
    super(builder.executor(Runnable::run), steps, callTimeouts);
  }

  /**
   * Builds a manual engine from {@code builder}: its store, clock, workflows and configuration,
   * with a direct executor.
   *
   * @throws dev.railway.validation.InvalidWorkflowException when a workflow is invalid
   */
  public static ManualEngine of(Engine.Builder builder) {
    return new ManualEngine(builder, StepListener.NONE, CallTimeouts.NONE);
  }

  /**
   * As {@link #of(Engine.Builder)}, with {@code steps} told of every step boundary of every attempt
   * (a simulation blocks there to interleave workers) and {@code callTimeouts} told each call's
   * timeout (a simulated third party plays it on the simulated clock, throwing {@link
   * dev.railway.engine.AttemptTimeoutException} when it passes).
   */
  public static ManualEngine of(
      Engine.Builder builder, StepListener steps, CallTimeouts callTimeouts) {
    return new ManualEngine(builder, steps, callTimeouts);
  }

  /**
   * Runs one task that the caller claimed from the store (with {@link Store#claimDue} under this
   * engine's {@link #workerId()}) on the caller's thread: the expiry check, one attempt of its
   * algorithm, then the decision, a retry or an abort — what the worker loop does for each claimed
   * task.
   */
  @Override
  public void runClaimed(TaskEntry claimed) {
    super.runClaimed(claimed);
  }
}
