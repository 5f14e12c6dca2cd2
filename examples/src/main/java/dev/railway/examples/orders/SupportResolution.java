package dev.railway.examples.orders;

/**
 * Command of customer-support-review.
 *
 * @param warehouseReference required for {@link Resolution#SHIPPED}: the shipment support found
 * @param note required for {@link Resolution#CANCEL} and {@link Resolution#POSTPONE}
 */
public record SupportResolution(Resolution resolution, String warehouseReference, String note) {

  public enum Resolution {
    /** Support confirmed with the warehouse that the order ships. */
    SHIPPED,
    /** The order cannot be fulfilled; it is cancelled (and refunded by the follow-up workflow). */
    CANCEL,
    /** Not resolvable yet; the case comes back as a new review. */
    POSTPONE
  }
}
