package dev.railway.examples.orders;

/** Command of waiting-for-user-on-payment: the customer's choice. */
public record PaymentRetryAnswer(Choice choice) {

  public enum Choice {
    /** Try paying again (a new payment attempt). */
    RETRY,
    /** Stop: cancel the order. */
    GIVE_UP
  }
}
