package dev.railway.definition;

/** Who gets directly hurt when a BlackBoxed task fails: the paper's third business concern. */
public enum Concern {
  /** Ourselves: an order registered as sent fails and it is sent twice. */
  OWN("own"),
  /** A provider: corrupted delivery data that the logistics company must chase. */
  THIRD_PARTY("third party"),
  /** The customer: a refund not sent when it is due. */
  CUSTOMER("customer");

  private final String label;

  Concern(String label) {
    this.label = label;
  }

  /** The paper's words, for reports. */
  public String label() {
    return label;
  }
}
