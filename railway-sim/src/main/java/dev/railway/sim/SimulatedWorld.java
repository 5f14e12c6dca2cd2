package dev.railway.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * One run's world, handed to the workflow factory: the simulated clock, the simulated third parties
 * and the fault injection every third-party call goes through. A new world is made for each seed,
 * so third parties start empty in every run.
 */
public final class SimulatedWorld {
  private final SimulationRun run;

  SimulatedWorld(SimulationRun run) {
    this.run = run;
  }

  /** The run's clock; also the store's and the engines'. */
  public Clock clock() {
    return run.clock();
  }

  public Instant now() {
    return run.clock().instant();
  }

  /** A number in {@code [0, bound)} drawn from the run's seed, for varied test data. */
  public int nextInt(int bound) {
    return run.random().nextInt(bound);
  }

  /** A simulated Idempotent payment provider, registered with this world. */
  public SimulatedPaymentProvider paymentProvider() {
    return new SimulatedPaymentProvider(this);
  }

  /** A simulated PessimisticLock ticketing API, registered with this world. */
  public SimulatedTicketingApi ticketingApi() {
    return new SimulatedTicketingApi(this);
  }

  /** A simulated OptimisticLock reservation API, registered with this world. */
  public SimulatedReservationApi reservationApi() {
    return new SimulatedReservationApi(this);
  }

  /** A simulated BlackBoxed e-mail API, registered with this world. */
  public SimulatedEmailApi emailApi() {
    return new SimulatedEmailApi(this);
  }

  /** Registers a third party so its {@link SimulatedParty#problems()} are checked after the run. */
  public <P extends SimulatedParty> P register(P party) {
    run.register(party);
    return party;
  }

  /**
   * Performs one call to {@code party}'s {@code operation}. The run's seed decides whether it
   * behaves — at once, or after a while drawn up to and past the timeout the engine gave the call,
   * with {@code action} running somewhere inside it (cut by that timeout when longer) — or fails:
   * an error (some proving nothing was done, some a {@link Error}), a timeout (the timeout passes
   * on the simulated clock, nothing done), a lost response ({@code action} runs, the caller sees an
   * error) or a slow response ({@code action} runs while other workers go on, then the timeout cuts
   * the call). Outside an attempt (a ToDo agent, the workflow factory) it just runs {@code action}.
   */
  public <T> T call(SimulatedParty party, String operation, Callable<T> action) throws Exception {
    return run.call(party, operation, action);
  }

  /**
   * Records that {@code party} acted (what the invariants count), attributed to the task whose
   * attempt is calling. Call it inside the action of {@link #call}, exactly when the effect
   * happens.
   */
  public void effect(SimulatedParty party, String description) {
    run.effect(party, description);
  }

  /** The task identifier of the attempt that is calling, or null outside an attempt. */
  public String currentTaskId() {
    return run.currentTaskId();
  }

  /** The calling attempt, as the trace names it ({@code a3}), or null outside an attempt. */
  public String currentAttempt() {
    return run.currentAttempt();
  }

  /** Whether the attempt named {@code attempt} (as in the trace) was killed by a crash. */
  public boolean crashed(String attempt) {
    return run.crashed(attempt);
  }

  /** Whether the store holds a decision for {@code taskId}. */
  public boolean decided(String taskId) {
    return run.decided(taskId);
  }

  /** When the decision of {@code taskId} was recorded (store clock), if it was. */
  public java.util.Optional<Instant> decidedAt(String taskId) {
    return run.decidedAt(taskId);
  }
}
