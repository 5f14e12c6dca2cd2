package dev.railway.examples.orders;

/** customer-support-review: support postponed the case; it comes back as a new review. */
public record ReviewPostponed(Order order, String invoiceNumber, int round, String note)
    implements SupportReviewNeeded {
  @Override
  public String reason() {
    return "postponed: " + note;
  }
}
