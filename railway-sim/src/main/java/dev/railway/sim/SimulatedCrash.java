package dev.railway.sim;

/**
 * Thrown on a worker's thread at a step boundary to kill it. It is a {@link VirtualMachineError},
 * the one kind of throwable the engine lets kill a worker (any other error from user code is a
 * fault of the attempt), so the attempt unwinds without writing anything more — like a dead
 * process.
 */
final class SimulatedCrash extends VirtualMachineError {
  private static final long serialVersionUID = 1L;

  SimulatedCrash() {
    super("simulated crash");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // Thrown thousands of times per run batch; the stack says nothing.
  }
}
