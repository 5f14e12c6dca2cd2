package dev.railway.amqp;

/**
 * The broker cannot be reached right now. An outcome publisher throws it, so the engine keeps the
 * outcome in its outbox and delivers it once the connection is back.
 */
public class BrokerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerUnavailableException(String message) {
    super(message);
  }

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
