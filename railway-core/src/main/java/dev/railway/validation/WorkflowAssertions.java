package dev.railway.validation;

import dev.railway.definition.Workflow;

/**
 * For users' own tests: {@code WorkflowAssertions.assertValid(OrderWorkflow.definition());} fails
 * with the full validation report, every problem with its fix.
 */
public final class WorkflowAssertions {
  private WorkflowAssertions() {}

  /**
   * Passes when {@code workflow} has no problem.
   *
   * @throws AssertionError whose message is the formatted {@link ValidationReport}
   */
  public static void assertValid(Workflow<?> workflow) {
    ValidationReport report = WorkflowValidator.validate(workflow);
    if (!report.isValid()) {
      throw new AssertionError(report.format());
    }
  }
}
