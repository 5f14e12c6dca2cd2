package dev.railway.validation;

import dev.railway.definition.Workflow;
import java.util.List;

/** Every problem of one workflow definition, found at once. */
public record ValidationReport(Workflow<?> workflow, List<Problem> problems) {
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** Multi-line human-readable report: one entry per problem with its fix. */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append("workflow ").append(workflow.id()).append(": ");
    out.append(problems.size()).append(" problem(s)\n");
    for (Problem p : problems) {
      out.append("- [").append(p.rule()).append("] ").append(p.message()).append('\n');
      out.append("  fix: ").append(p.fix()).append('\n');
    }
    return out.toString();
  }
}
