package dev.railway.definition;

/**
 * Thrown by a BlackBoxed attempt when the third party's answer <em>proves</em> that nothing was
 * done (for example a validation error returned before any side effect). Only such known failures
 * record a fault on the attempt's lock; every other error, a timeout or a lost response counts as
 * unknown, and the next attempt will see a possible failure.
 */
public class NothingDoneException extends Exception {
  private static final long serialVersionUID = 1L;

  public NothingDoneException(String message) {
    super(message);
  }

  public NothingDoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
