package dev.railway.examples.orders;

/**
 * The warehouse's fulfilment API. Opaque: it offers no idempotency key, no lookup and no
 * cancellation, so nobody can tell whether a request that timed out was acted on.
 */
public interface Fulfilment {

  /** Asks the warehouse to ship the order; returns the warehouse's reference. */
  String ship(Order order) throws Exception;
}
