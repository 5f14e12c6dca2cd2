package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The order as it travels through the workflow. Every event carries it, because a task sees only
 * the event that entered it.
 *
 * @param orderId the order's id; task identifiers are derived from it
 * @param customer the customer who placed it (the owner, for ToDo access rules)
 * @param lines what was ordered (after continue-without-missing-product: what is still ordered)
 * @param total what the customer pays
 */
public record Order(UUID orderId, String customer, List<OrderLine> lines, BigDecimal total) {
  public Order {
    lines = List.copyOf(lines);
  }

  /** The same order without the missing lines, its total recomputed from what remains. */
  public Order keepOnly(List<OrderLine> available) {
    BigDecimal remaining =
        available.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Order(orderId, customer, available, remaining);
  }
}
