package dev.railway.cli;

/**
 * The workflows a command was pointed at cannot be found or built. Reported as one clear message
 * and {@link ExitCode#USAGE}, never as a stack trace.
 */
final class WorkflowSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WorkflowSourceException(String message) {
    super(message);
  }

  WorkflowSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
