package dev.railway.examples.orders;

/** receive-payment: the provider reported that the customer's funds were insufficient. */
public record FundsInsufficient(Order order, String invoiceNumber, int attempt)
    implements OrderEvent {}
