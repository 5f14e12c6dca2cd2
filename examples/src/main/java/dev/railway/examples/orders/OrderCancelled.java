package dev.railway.examples.orders;

import java.util.UUID;

/**
 * Outcome: the order will not be fulfilled. Compensation (releasing stock, voiding the invoice,
 * refunding) belongs to the workflows this outcome starts, not to order creation.
 */
public record OrderCancelled(UUID orderId, String reason) {}
