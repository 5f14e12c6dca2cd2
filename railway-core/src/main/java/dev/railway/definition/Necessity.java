package dev.railway.definition;

/** How critical a BlackBoxed task is to its workflow: the paper's second business concern. */
public enum Necessity {
  /** The workflow cannot continue without it: a payment confirmed before handling an order. */
  MUST_HAPPEN("must happen"),
  /** The workflow can continue, but a failure has consequences someone must deal with. */
  SHOULD_HAPPEN("should happen"),
  /** Not needed, presumed to add some value: a satisfaction survey, a welcome e-mail. */
  NICE_TO_HAVE("nice to have");

  private final String label;

  Necessity(String label) {
    this.label = label;
  }

  /** The paper's words, for reports. */
  public String label() {
    return label;
  }
}
