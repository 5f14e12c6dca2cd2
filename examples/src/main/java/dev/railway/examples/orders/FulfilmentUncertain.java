package dev.railway.examples.orders;

import java.time.Instant;

/**
 * payment-successful: a possible failure. An earlier request to the warehouse started and never
 * reported back, so nobody knows whether the order is being shipped; a person has to check.
 */
public record FulfilmentUncertain(
    Order order, String invoiceNumber, Instant previousAttemptStartedAt)
    implements SupportReviewNeeded {
  @Override
  public int round() {
    return 0;
  }

  @Override
  public String reason() {
    return "the warehouse may or may not have received the order (request started "
        + previousAttemptStartedAt
        + ")";
  }
}
