package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The trigger of order creation: a customer placed an order. Its event id is the order id, so a
 * redelivered OrderPlaced starts no second instance.
 */
public record OrderPlaced(UUID orderId, String customer, List<OrderLine> lines, BigDecimal total)
    implements OrderEvent {
  public OrderPlaced {
    lines = List.copyOf(lines);
  }

  public Order order() {
    return new Order(orderId, customer, lines, total);
  }
}
