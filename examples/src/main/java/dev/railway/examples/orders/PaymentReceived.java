package dev.railway.examples.orders;

/** receive-payment: the provider reported a successful payment. */
public record PaymentReceived(Order order, String invoiceNumber, String paymentId)
    implements OrderEvent {}
