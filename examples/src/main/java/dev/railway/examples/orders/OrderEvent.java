package dev.railway.examples.orders;

/**
 * An event that enters a task of order creation: each one carries the order, which is all the
 * workflow's default exits need to cancel it.
 */
public interface OrderEvent {
  Order order();
}
