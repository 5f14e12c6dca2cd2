package dev.railway.validation;

import dev.railway.definition.Workflow;
import java.util.List;

/** Checks a workflow definition against every rule of the design, reporting all problems. */
public final class WorkflowValidator {
  private WorkflowValidator() {}

  public static ValidationReport validate(Workflow<?> workflow) {
    // Placeholder until the rules land.
    return new ValidationReport(workflow, List.of());
  }
}
