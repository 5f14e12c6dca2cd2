package dev.railway.cli;

import dev.railway.definition.Workflow;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.WorkflowValidator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code railway validate}: summarises workflows and lists every problem the validator finds. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Railway.Version.class,
    description = {
      "Checks workflow definitions against every rule of the design, without running them.",
      "Prints a summary (tasks with their category, kinds, compromises and why, transitions,"
          + " default exits, outcomes) of each workflow, then every problem and warning.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every workflow is valid",
      "1:at least one workflow has problems (all are listed)",
      "2:bad usage, or the workflows could not be found or built"
    })
final class ValidateCommand implements Callable<Integer> {
  private final Function<Workflow<?>, ValidationReport> validator;

  @Spec CommandSpec spec;

  @Mixin WorkflowSource source;

  ValidateCommand() {
    this(WorkflowValidator::validate);
  }

  /** For tests: a validator other than the real one. */
  ValidateCommand(Function<Workflow<?>, ValidationReport> validator) {
    this.validator = validator;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int invalid = 0;
    for (Workflow<?> workflow : source.load()) {
      out.print(WorkflowSummary.of(workflow));
      ValidationReport report = validator.apply(workflow);
      if (report.isValid()) {
        out.print(report.formatWarnings());
        out.println("VALID: no problems found" + warningCount(report));
      } else {
        invalid++;
        out.print(report.format());
        out.println("INVALID: " + report.problems().size() + " problem(s)");
      }
      out.println();
    }
    out.flush();
    return invalid == 0 ? ExitCode.OK : ExitCode.INVALID;
  }

  /** {@code , 2 warning(s) (1 acknowledged)}, or nothing without warnings: they never fail. */
  private static String warningCount(ValidationReport report) {
    if (report.warnings().isEmpty()) {
      return "";
    }
    int acknowledged = report.warnings().size() - report.unacknowledgedWarnings().size();
    return ", "
        + report.warnings().size()
        + " warning(s)"
        + (acknowledged > 0 ? " (" + acknowledged + " acknowledged)" : "");
  }
}
