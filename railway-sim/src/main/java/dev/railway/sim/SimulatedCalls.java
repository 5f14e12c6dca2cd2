package dev.railway.sim;

import dev.railway.definition.NothingDoneException;
import dev.railway.engine.AttemptTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Plays one third-party call of a worker on the simulated clock, as the fault plan draws it: it
 * behaves at once, takes a while (up to and past the timeout the engine gave it, acting somewhere
 * inside that time), or fails — an error, a timeout, a lost response, a response slower than the
 * timeout. While the call takes time the worker sleeps and the others run.
 */
final class SimulatedCalls {
  private final FaultPlan faults;
  private final Trace trace;
  private final SimulatedClock clock;

  SimulatedCalls(FaultPlan faults, Trace trace, SimulatedClock clock) {
    this.faults = faults;
    this.trace = trace;
    this.clock = clock;
  }

  <T> T call(Worker w, SimulatedParty party, String operation, Callable<T> action)
      throws Exception {
    String name = party.name() + "." + operation;
    String taskId = w.task.taskId();
    Duration full = w.state == null ? Duration.ofSeconds(1) : w.state.attemptTimeout();
    // The engine's timeout for this call (its budget), which may be less than the attempt timeout.
    Duration timeout = w.callTimeout != null ? w.callTimeout : full;
    Fault fault = faults.callFault();
    if (fault == null) {
      return slowOrAtOnce(w, name, taskId, full, timeout, action);
    }
    trace.note(w.id + " FAULT " + fault.cliName() + " " + name + " for " + taskId);
    switch (fault) {
      case ERROR -> {
        switch (faults.random().nextInt(3)) {
          case 0 -> throw new NothingDoneException(name + " refused before acting (simulated)");
          case 1 -> throw new IOException(name + " failed (simulated)");
          default -> throw new AssertionError(name + ": a bug in user code (simulated)");
        }
      }
      case TIMEOUT -> {
        sleep(w, timeout);
        throw new AttemptTimeoutException(taskId, timeout);
      }
      case LOST_RESPONSE -> {
        action.call();
        throw new IOException("the response of " + name + " was lost (simulated)");
      }
      case SLOW_RESPONSE -> {
        Duration half = timeout.dividedBy(2);
        sleep(w, half);
        action.call();
        sleep(w, timeout.minus(half));
        throw new AttemptTimeoutException(taskId, timeout);
      }
      default -> throw new IllegalStateException("not a call fault: " + fault);
    }
  }

  /**
   * A call that behaves: at once, or after a while drawn up to 1.5 times the attempt timeout. The
   * third party acts somewhere inside that while; the engine's timeout cuts the call when it is
   * longer (after the action, if the action came first: the caller then sees a timeout of a call
   * that did act).
   */
  private <T> T slowOrAtOnce(
      Worker w, String name, String taskId, Duration full, Duration timeout, Callable<T> action)
      throws Exception {
    Duration takes = faults.callDuration(full);
    if (takes.isZero()) {
      return action.call();
    }
    Duration actsAt = faults.actsAfter(takes);
    trace.note(
        w.id
            + " FAULT latency "
            + name
            + " for "
            + taskId
            + " takes "
            + takes.toMillis()
            + "ms, acts at "
            + actsAt.toMillis()
            + "ms, timeout "
            + timeout.toMillis()
            + "ms");
    if (actsAt.compareTo(timeout) >= 0) {
      sleep(w, timeout);
      throw new AttemptTimeoutException(taskId, timeout);
    }
    sleep(w, actsAt);
    T result = action.call();
    if (takes.compareTo(timeout) > 0) {
      sleep(w, timeout.minus(actsAt));
      throw new AttemptTimeoutException(taskId, timeout);
    }
    sleep(w, takes.minus(actsAt));
    return result;
  }

  /** The calling worker waits on the simulated clock while the others may run. */
  private void sleep(Worker w, Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    w.sleepingUntil = clock.instant().plus(d);
    w.handOff();
  }
}
