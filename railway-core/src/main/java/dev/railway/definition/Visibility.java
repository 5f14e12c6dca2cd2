package dev.railway.definition;

/**
 * How likely the non-execution or failure of a BlackBoxed task is to be noticed: the first business
 * concern of the paper's checklist for choosing a {@link Compromise}.
 */
public enum Visibility {
  /** The failure will be noticed by its nature: a refund never sent makes the customer complain. */
  SELF_EVIDENT("self-evident"),
  /** A reliable tracking mechanism (an alert, a reconciliation) lets someone follow it up. */
  TRACEABLE("traceable"),
  /** Nobody can know the outcome: whether an e-mail was read, whether a mail was delivered. */
  INVISIBLE("invisible");

  private final String label;

  Visibility(String label) {
    this.label = label;
  }

  /** The paper's words, for reports. */
  public String label() {
    return label;
  }
}
