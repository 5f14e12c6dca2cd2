package dev.railway.examples.orders;

import java.net.URI;

/**
 * create-payment-attempt: the provider is waiting for the customer at {@code checkoutUrl}.
 *
 * @param reference the idempotency key given to the provider, echoed back by its webhook
 */
public record PaymentAttemptCreated(
    Order order,
    String invoiceNumber,
    int attempt,
    String reference,
    String paymentId,
    URI checkoutUrl) {}
