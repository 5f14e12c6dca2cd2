package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.util.List;

/** Read model of continue-without-missing-product: what the customer is asked about. */
public record MissingProductsQuestion(
    Order order,
    List<OrderLine> available,
    List<OrderLine> missing,
    BigDecimal totalWithoutMissing) {
  public MissingProductsQuestion {
    available = List.copyOf(available);
    missing = List.copyOf(missing);
  }
}
