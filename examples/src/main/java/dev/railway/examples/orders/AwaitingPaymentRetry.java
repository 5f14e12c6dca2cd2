package dev.railway.examples.orders;

/** What enters waiting-for-user-on-payment: a payment attempt that did not succeed. */
public sealed interface AwaitingPaymentRetry extends OrderEvent
    permits CustomerNotified, CustomerMaybeNotified, PaymentAbandoned {
  Order order();

  String invoiceNumber();

  /** The payment attempt that did not succeed. */
  int attempt();

  /** Why the customer is asked, as shown to them and to support. */
  String reason();
}
