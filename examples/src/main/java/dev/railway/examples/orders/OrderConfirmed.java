package dev.railway.examples.orders;

import java.util.UUID;

/** Outcome: the order is paid and on its way. */
public record OrderConfirmed(UUID orderId, String invoiceNumber, String warehouseReference) {}
