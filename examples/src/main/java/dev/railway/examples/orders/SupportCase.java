package dev.railway.examples.orders;

/** Read model of customer-support-review: the case a support agent looks at. */
public record SupportCase(Order order, String invoiceNumber, int round, String reason) {}
