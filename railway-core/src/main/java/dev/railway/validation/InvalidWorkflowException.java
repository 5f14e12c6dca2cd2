package dev.railway.validation;

import java.util.Objects;

/**
 * Thrown when something refuses to run an invalid workflow (an engine, a tool). The message is the
 * formatted {@link ValidationReport}; {@link #report()} gives the problems as data.
 */
public class InvalidWorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // Reports hold user lambdas, which are not serializable; a deserialized exception keeps only
  // its message.
  private final transient ValidationReport report;

  /**
   * @param report a report with at least one problem
   * @throws IllegalArgumentException if the report has no problem
   */
  public InvalidWorkflowException(ValidationReport report) {
    super(requireProblems(report).format());
    this.report = report;
  }

  /** The report with every problem; null only after Java deserialization. */
  public ValidationReport report() {
    return report;
  }

  private static ValidationReport requireProblems(ValidationReport report) {
    Objects.requireNonNull(report, "report must not be null");
    if (report.isValid()) {
      throw new IllegalArgumentException(
          "workflow " + report.workflow().id() + " is valid; there is nothing to refuse");
    }
    return report;
  }
}
