package dev.railway.examples.orders;

/** insufficient-funds: the customer was e-mailed that the payment failed. */
public record CustomerNotified(Order order, String invoiceNumber, int attempt, String messageId)
    implements AwaitingPaymentRetry {
  @Override
  public String reason() {
    return "insufficient funds; the customer was e-mailed (message " + messageId + ")";
  }
}
