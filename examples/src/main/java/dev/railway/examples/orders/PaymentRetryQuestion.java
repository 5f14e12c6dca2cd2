package dev.railway.examples.orders;

/** Read model of waiting-for-user-on-payment: why the customer is asked to pay again. */
public record PaymentRetryQuestion(Order order, String invoiceNumber, int attempt, String reason) {}
