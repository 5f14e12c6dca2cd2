package dev.railway.examples.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

/**
 * The payment provider: it creates payment attempts, deduplicating by idempotency key, and later
 * reports their result through a webhook that echoes the key as {@code reference}.
 */
public interface PaymentProvider {

  /**
   * Creates (or, for a known key, returns) a payment attempt the customer completes at checkout.
   */
  PaymentAttempt createAttempt(
      String idempotencyKey, UUID orderId, String customer, BigDecimal amount) throws Exception;

  /** A payment attempt waiting for the customer. */
  record PaymentAttempt(String paymentId, URI checkoutUrl) {}
}
