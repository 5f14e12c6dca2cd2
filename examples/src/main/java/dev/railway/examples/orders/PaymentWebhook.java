package dev.railway.examples.orders;

import java.math.BigDecimal;

/**
 * Command of receive-payment: the payment provider's webhook.
 *
 * @param reference the idempotency key create-payment-attempt gave the provider
 * @param status {@code succeeded} or {@code insufficient_funds}
 */
public record PaymentWebhook(String reference, String paymentId, String status, BigDecimal amount) {
  public static final String SUCCEEDED = "succeeded";
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
}
