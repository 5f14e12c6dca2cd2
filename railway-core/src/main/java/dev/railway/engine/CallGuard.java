package dev.railway.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * Runs third-party calls under the attempt timeout, interrupting them when it passes. The timeout
 * is shorter than the lock's time to live by the grace period, which is what bounds a late effect.
 */
final class CallGuard {
  private final ExecutorService calls;

  CallGuard(ExecutorService calls) {
    this.calls = calls;
  }

  <T> T call(String taskId, Duration timeout, Callable<T> call) throws Exception {
    // The call runs on its own thread: carry the logging context (instance and task id) over, so
    // user code's logs say which task they belong to.
    Map<String, String> context = MDC.getCopyOfContextMap();
    Future<T> future =
        calls.submit(() -> {
          if (context != null) {
            MDC.setContextMap(context);
          }
          return call.call();
        });
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
