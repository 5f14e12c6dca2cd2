package dev.railway.definition;

/**
 * A risky combination of a BlackBoxed task's {@link Compromise} and its {@link Rationale}, which
 * the validator reports as a warning. A team that accepts the risk acknowledges it in the
 * rationale, with its reason ({@link Rationale#acknowledging}); the warning then still shows in
 * reports, marked as acknowledged.
 */
public enum CompromiseWarning {
  /** AtMostOnce on a step that must happen and whose failure nobody would notice. */
  SILENT_LOSS("a must-happen step given up silently"),
  /** AtLeastOnce where a duplicate means economic loss or a data breach: no bound on either. */
  UNBOUNDED_COSTLY_DUPLICATES("unbounded duplicates that cost money or expose data"),
  /** UpTo(n) where a duplicate means a data breach: every retry may expose the data again. */
  REPEATED_EXPOSURE("retries that may expose data again"),
  /** HumanReview or AtLeastOnce for a step that is only nice to have. */
  DISPROPORTIONATE_EFFORT("effort out of proportion to a nice-to-have step");

  private final String title;

  CompromiseWarning(String title) {
    this.title = title;
  }

  /** A short title, e.g. {@code a must-happen step given up silently}. */
  public String title() {
    return title;
  }
}
