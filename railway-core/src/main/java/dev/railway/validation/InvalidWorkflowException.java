package dev.railway.validation;

/** An engine refused a workflow; the message is the validator's full report. */
public final class InvalidWorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ValidationReport report;

  public InvalidWorkflowException(ValidationReport report) {
    super(report.format());
    this.report = report;
  }

  public ValidationReport report() {
    return report;
  }
}
