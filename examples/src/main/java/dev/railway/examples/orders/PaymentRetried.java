package dev.railway.examples.orders;

/** waiting-for-user-on-payment: the customer wants to try paying again. */
public record PaymentRetried(Order order, String invoiceNumber, int attempt)
    implements PaymentRequired {}
