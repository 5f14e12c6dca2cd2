package dev.railway.engine;

/**
 * A {@link Error} (not a {@link VirtualMachineError}) thrown by user code in a third-party call: a
 * bug in the client library, a failed assertion, a missing class. It is a fault of that attempt,
 * handled like any exception from the call (backoff, then the fault mapping); only a virtual
 * machine error is allowed to end the worker.
 */
final class UserCodeError extends Exception {
  private static final long serialVersionUID = 1L;

  UserCodeError(String what, Error cause) {
    super(what + " threw " + cause, cause);
  }
}
