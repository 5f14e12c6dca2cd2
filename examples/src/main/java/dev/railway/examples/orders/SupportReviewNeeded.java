package dev.railway.examples.orders;

/**
 * What enters customer-support-review: a paid order whose shipment is uncertain or failed, or a
 * review that support postponed. {@code round} numbers the reviews of the order from 0, so each
 * postponement is a new task with its own identifier.
 */
public sealed interface SupportReviewNeeded
    permits FulfilmentUncertain, FulfilmentFailed, ReviewPostponed {
  Order order();

  String invoiceNumber();

  int round();

  /** What support has to look into. */
  String reason();
}
