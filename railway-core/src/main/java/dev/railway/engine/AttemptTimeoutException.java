package dev.railway.engine;

import java.time.Duration;

/** An attempt ran past its timeout and was interrupted; the third party may still act on it. */
public final class AttemptTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  AttemptTimeoutException(String taskId, Duration timeout) {
    super(
        "attempt of task "
            + taskId
            + " exceeded its timeout of "
            + timeout
            + " and was interrupted");
  }
}
