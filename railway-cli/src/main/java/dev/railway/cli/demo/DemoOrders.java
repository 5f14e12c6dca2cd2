package dev.railway.cli.demo;

import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderPlaced;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The demo's orders, derived only from the seed and the order number, so a resumed run re-delivers
 * exactly the same triggers (and the engine's deduplication starts none twice).
 */
final class DemoOrders {
  private DemoOrders() {}

  static OrderPlaced order(long seed, int number) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + number);
    UUID id =
        UUID.nameUUIDFromBytes(
            ("demo-order-" + seed + "-" + number).getBytes(StandardCharsets.UTF_8));
    List<OrderLine> lines = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      lines.add(
          new OrderLine(
              "sku-" + random.nextInt(100),
              1 + random.nextInt(3),
              BigDecimal.valueOf(5 + random.nextInt(95))));
    }
    if (random.nextDouble() < 0.15) {
      // Some products are out of stock: the customer is asked whether to continue without them.
      lines.add(new OrderLine("rare-" + random.nextInt(10), 1, BigDecimal.valueOf(120)));
    }
    BigDecimal total =
        lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new OrderPlaced(id, "customer-" + random.nextInt(1000), lines, total);
  }
}
