package dev.railway.examples.orders;

/** Command of continue-without-missing-product: the customer's choice. */
public record MissingProductsAnswer(Choice choice) {

  public enum Choice {
    /** Continue with what is available, at the lower total. */
    CONTINUE,
    /** Cancel the order. */
    CANCEL
  }
}
