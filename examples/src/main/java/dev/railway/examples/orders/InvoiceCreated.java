package dev.railway.examples.orders;

/** create-invoice: the invoice exists; the first payment attempt comes next. */
public record InvoiceCreated(Order order, String invoiceNumber) implements PaymentRequired {
  @Override
  public int attempt() {
    return 1;
  }
}
