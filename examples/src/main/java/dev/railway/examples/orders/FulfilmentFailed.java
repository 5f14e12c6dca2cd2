package dev.railway.examples.orders;

/** payment-successful: the warehouse kept failing; the order is paid, so a person takes over. */
public record FulfilmentFailed(Order order, String invoiceNumber, String error)
    implements SupportReviewNeeded {
  @Override
  public int round() {
    return 0;
  }

  @Override
  public String reason() {
    return "the warehouse kept failing: " + error;
  }
}
