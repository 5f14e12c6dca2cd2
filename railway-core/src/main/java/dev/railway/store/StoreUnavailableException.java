package dev.railway.store;

/**
 * The store could not be reached: a dropped connection, a database restarting, a pool with no free
 * connection in time. Transient by nature, so callers back off and try again instead of treating it
 * as a bug.
 *
 * <p>A write that fails this way may or may not have taken effect (the connection can break while
 * the commit is in flight). Every store operation is safe to repeat in that light: decisions are
 * unique per task identifier, triggers are deduplicated by event id, and a repeated lock write only
 * leaves an extra lock that expires.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
