package dev.railway.examples.orders;

/**
 * The e-mail provider. Opaque once a message is handed over: a lost response leaves it unknown
 * whether the customer got the mail. It throws {@link dev.railway.definition.NothingDoneException}
 * when it rejected the message before sending (e.g. an invalid address).
 */
public interface Mailer {

  /** Sends a message; returns the provider's message id. */
  String send(String to, String subject, String body) throws Exception;
}
