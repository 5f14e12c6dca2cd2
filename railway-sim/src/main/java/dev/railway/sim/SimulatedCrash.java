package dev.railway.sim;

/**
 * Thrown on a worker's thread at a step boundary to kill it: an {@link Error}, which the engine
 * never catches, so the attempt unwinds without writing anything more — like a dead process.
 */
final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  SimulatedCrash() {
    super("simulated crash", null, false, false);
  }
}
