package dev.railway.examples.orders;

import java.util.Objects;

/**
 * The third parties the order-creation workflow talks to. Pass real clients in production,
 * simulated ones in a demo or a simulation.
 */
public record OrderServices(
    OrderBook orderBook,
    StockApi stock,
    InvoicingApi invoicing,
    PaymentProvider payments,
    Fulfilment fulfilment,
    Mailer mailer) {
  public OrderServices {
    Objects.requireNonNull(orderBook, "orderBook");
    Objects.requireNonNull(stock, "stock");
    Objects.requireNonNull(invoicing, "invoicing");
    Objects.requireNonNull(payments, "payments");
    Objects.requireNonNull(fulfilment, "fulfilment");
    Objects.requireNonNull(mailer, "mailer");
  }

  /**
   * Services whose every call fails with a "not connected" error: enough to validate or draw the
   * workflow, which never calls a third party.
   */
  public static OrderServices notConnected() {
    return new OrderServices(
        NotConnected.proxy(OrderBook.class),
        NotConnected.proxy(StockApi.class),
        NotConnected.proxy(InvoicingApi.class),
        NotConnected.proxy(PaymentProvider.class),
        NotConnected.proxy(Fulfilment.class),
        NotConnected.proxy(Mailer.class));
  }
}
