package dev.railway.engine;

import java.time.Duration;

/** An attempt ran past its timeout and was interrupted; the third party may still act on it. */
public final class AttemptTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * The attempt of {@code taskId} ran past {@code timeout}. The engine throws it; a simulated third
   * party throws it too, when it plays a call that the timeout cuts short.
   */
  public AttemptTimeoutException(String taskId, Duration timeout) {
    super(
        "attempt of task "
            + taskId
            + " exceeded its timeout of "
            + timeout
            + " and was interrupted");
  }
}
