package dev.railway.examples.orders;

/** Our own order service: it records an order, deduplicating by the idempotency key it is given. */
public interface OrderBook {

  /**
   * Records the order; a second call with the same key returns the first call's entry.
   *
   * @param idempotencyKey the task identifier of make-order
   */
  Entry make(String idempotencyKey, Order order) throws Exception;

  /**
   * The order service's answer.
   *
   * @param accepted false when the order service refuses it (e.g. the customer is blocked)
   * @param rejection why it was refused, or null
   */
  record Entry(boolean accepted, String rejection) {}
}
