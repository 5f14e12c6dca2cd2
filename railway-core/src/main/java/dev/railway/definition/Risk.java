package dev.railway.definition;

/**
 * A kind of consequence suffered when a BlackBoxed task goes wrong, either way (not done, or done
 * more than once): the paper's fourth business concern. A task may carry several.
 */
public enum Risk {
  /** A customer charged twice may not come back, even after a refund. */
  REPUTATION("reputation"),
  /** A missed obligation (an SLA, a data-protection request) that can end in court. */
  LEGAL("legal"),
  /** Protected data reaches the wrong person: an invoice of customer A sent to customer B. */
  DATA_BREACH("data breach"),
  /** Money or goods lost: two expensive products sent instead of one, paid messages piling up. */
  ECONOMIC_LOSS("economic loss");

  private final String label;

  Risk(String label) {
    this.label = label;
  }

  /** The paper's words, for reports. */
  public String label() {
    return label;
  }
}
