package dev.railway.examples.orders;

/** receive-payment expired: the provider never reported a result (checkout abandoned). */
public record PaymentAbandoned(Order order, String invoiceNumber, int attempt)
    implements AwaitingPaymentRetry {
  @Override
  public String reason() {
    return "no payment was received for attempt " + attempt;
  }
}
