package dev.railway.validation;

import dev.railway.definition.Workflow;
import java.util.List;
import java.util.Objects;

/**
 * Every problem of one workflow definition, found at once, in a stable order.
 *
 * @param workflow the validated workflow
 * @param problems the problems found; empty when the workflow is valid
 */
public record ValidationReport(Workflow<?> workflow, List<Problem> problems) {
  public ValidationReport {
    Objects.requireNonNull(workflow, "workflow of a validation report must not be null");
    problems = List.copyOf(problems);
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The problems found by one rule, e.g. {@code event with no target}. */
  public List<Problem> problems(String rule) {
    return problems.stream().filter(p -> p.rule().equals(rule)).toList();
  }

  /**
   * Multi-line human-readable report: a header line, then one entry per problem with its rule, its
   * message and its fix. Ends with a newline.
   */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append("workflow ").append(workflow.id()).append(": ");
    if (problems.isEmpty()) {
      return out.append("valid, no problems\n").toString();
    }
    out.append(problems.size()).append(problems.size() == 1 ? " problem\n" : " problems\n");
    for (Problem p : problems) {
      out.append("- [").append(p.rule()).append("] ").append(p.message()).append('\n');
      out.append("  fix: ").append(p.fix()).append('\n');
    }
    return out.toString();
  }
}
