package dev.railway.engine;

import java.time.Duration;

/**
 * Sees the timeout the engine gives each third-party call when calls run untimed on the attempt's
 * thread (a {@link dev.railway.engine.testing.ManualEngine}). A simulation needs it to play the
 * timeout on its own clock: the engine may give a call less than the attempt timeout (the time left
 * in its lock), and a simulated third party that assumed the full attempt timeout would hide
 * exactly the calls that outlive their lock.
 */
@FunctionalInterface
public interface CallTimeouts {

  /** Ignores the timeouts: calls run as long as they take. */
  CallTimeouts NONE = (taskId, timeout) -> {};

  /** Called on the attempt's thread just before the call of {@code taskId} with its timeout. */
  void beforeCall(String taskId, Duration timeout);
}
