package dev.railway.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * Runs third-party calls under the attempt timeout, interrupting them when it passes. The timeout
 * is shorter than the lock's time to live by the grace period, which is what bounds a late effect.
 */
final class CallGuard {
  private final Executor calls;
  private final CallTimeouts untimed;

  /** Calls on threads of {@code calls}, interrupted when the timeout passes in real time. */
  CallGuard(Executor calls) {
    this(calls, CallTimeouts.NONE);
  }

  private CallGuard(Executor calls, CallTimeouts untimed) {
    this.calls = calls;
    this.untimed = untimed;
  }

  /**
   * Calls on the caller's thread with no real-time timeout: for simulation, where the simulated
   * third party enforces the timeout itself on the simulated clock by throwing {@link
   * AttemptTimeoutException}, so a run does not depend on how fast the machine is. {@code timeouts}
   * is told each call's timeout, which the simulation must honour.
   */
  static CallGuard onCallerThread(CallTimeouts timeouts) {
    return new CallGuard(null, timeouts);
  }

  <T> T call(String taskId, Duration timeout, Callable<T> call) throws Exception {
    if (calls == null) {
      untimed.beforeCall(taskId, timeout);
      return call.call();
    }
    // The call runs on its own thread: carry the logging context (instance and task id) over, so
    // user code's logs say which task they belong to.
    Map<String, String> context = MDC.getCopyOfContextMap();
    FutureTask<T> future =
        new FutureTask<>(() -> {
          if (context != null) {
            MDC.setContextMap(context);
          }
          return call.call();
        });
    calls.execute(future);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AttemptTimeoutException(taskId, timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }
}
