package dev.railway.examples.orders;

/** Read model of receive-payment: the payment the provider's webhook will report on. */
public record ExpectedPayment(
    Order order, String invoiceNumber, int attempt, String reference, String paymentId) {}
