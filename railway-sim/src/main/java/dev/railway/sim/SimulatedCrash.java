package dev.railway.sim;

/**
 * Thrown on a worker's thread at a step boundary to kill it: a {@link VirtualMachineError}, the one
 * kind of error the engine never catches (any other error from user code is a fault of the
 * attempt), so the attempt unwinds without writing anything more — like a dead process.
 */
final class SimulatedCrash extends VirtualMachineError {
  private static final long serialVersionUID = 1L;

  SimulatedCrash() {
    super("simulated crash");
  }

  /** Thrown thousands of times per run: no stack trace to fill. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
