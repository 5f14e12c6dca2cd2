package dev.railway.examples.orders;

import java.time.Instant;

/**
 * insufficient-funds: an earlier attempt to e-mail the customer may or may not have sent the mail
 * (a possible failure); rather than risk a second mail about money, we wait for the customer
 * anyway.
 */
public record CustomerMaybeNotified(
    Order order, String invoiceNumber, int attempt, Instant previousAttemptStartedAt)
    implements AwaitingPaymentRetry {
  @Override
  public String reason() {
    return "insufficient funds; the e-mail to the customer may not have been sent (attempt started "
        + previousAttemptStartedAt
        + ")";
  }
}
