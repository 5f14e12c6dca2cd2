package dev.railway.examples.orders;

/**
 * What enters create-payment-attempt: the first request after invoicing, or a retry the customer
 * asked for. {@code attempt} numbers the payment attempts of the order from 1.
 */
public sealed interface PaymentRequired extends OrderEvent permits InvoiceCreated, PaymentRetried {
  Order order();

  String invoiceNumber();

  int attempt();
}
