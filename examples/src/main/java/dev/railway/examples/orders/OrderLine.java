package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity how many units, at least 1
 * @param unitPrice price of one unit
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
  public OrderLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1) {
      throw new IllegalArgumentException(
          "quantity of '" + sku + "' must be at least 1; was " + quantity);
    }
  }

  /** {@code quantity * unitPrice}. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
