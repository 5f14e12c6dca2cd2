package dev.railway.validation;

import dev.railway.definition.Workflow;
import java.util.List;
import java.util.Objects;

/**
 * Every problem of one workflow definition, found at once, in a stable order, and the warnings a
 * review should read (they do not make the workflow invalid).
 *
 * @param workflow the validated workflow
 * @param problems the problems found; empty when the workflow is valid
 * @param warnings risky but valid choices, acknowledged or not
 */
public record ValidationReport(
    Workflow<?> workflow, List<Problem> problems, List<Warning> warnings) {
  public ValidationReport {
    Objects.requireNonNull(workflow, "workflow of a validation report must not be null");
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** A report without warnings. */
  public ValidationReport(Workflow<?> workflow, List<Problem> problems) {
    this(workflow, problems, List.of());
  }

  /** The warnings of one rule, e.g. {@code SILENT_LOSS}. */
  public List<Warning> warnings(String rule) {
    return warnings.stream().filter(w -> w.rule().equals(rule)).toList();
  }

  /** The warnings the definition has not acknowledged. */
  public List<Warning> unacknowledgedWarnings() {
    return warnings.stream().filter(w -> !w.acknowledged()).toList();
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
   * message and its fix, then one per warning with its suggestion and, when acknowledged, the
   * team's reason. Ends with a newline.
   */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append("workflow ").append(workflow.id()).append(": ");
    if (problems.isEmpty()) {
      out.append("valid, no problems\n");
    } else {
      out.append(problems.size()).append(problems.size() == 1 ? " problem\n" : " problems\n");
    }
    for (Problem p : problems) {
      out.append("- [").append(p.rule()).append("] ").append(p.message()).append('\n');
      out.append("  fix: ").append(p.fix()).append('\n');
    }
    out.append(formatWarnings());
    return out.toString();
  }

  /** One entry per warning (nothing when there is none). Ends with a newline. */
  public String formatWarnings() {
    StringBuilder out = new StringBuilder();
    for (Warning w : warnings) {
      out.append("- WARNING [").append(w.rule()).append("] ").append(w.message()).append('\n');
      out.append("  consider: ").append(w.suggestion()).append('\n');
      if (w.acknowledged()) {
        out.append("  acknowledged: ").append(w.acknowledgement()).append('\n');
      }
    }
    return out.toString();
  }
}
