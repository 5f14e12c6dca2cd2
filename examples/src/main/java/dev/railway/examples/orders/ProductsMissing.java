package dev.railway.examples.orders;

import java.util.List;

/** reserve-stock: some, not all, of the order could be reserved. */
public record ProductsMissing(Order order, List<OrderLine> available, List<OrderLine> missing)
    implements OrderEvent {
  public ProductsMissing {
    available = List.copyOf(available);
    missing = List.copyOf(missing);
  }
}
