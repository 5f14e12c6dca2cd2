package dev.railway.maven;

import dev.railway.definition.Workflow;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.WorkflowValidator;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * Validates the project's workflows and fails the build listing every problem of every workflow, as
 * {@code ./railway validate} does. Warnings are printed and never fail the build.
 */
public class ValidateMojo extends AbstractMojo {
  /** The project whose compiled classes hold the workflows. */
  private MavenProject project;

  /**
   * Classes that provide the workflows: {@code WorkflowProvider}s, or classes with public static
   * no-argument methods returning {@code Workflow}.
   */
  private List<String> providers;

  /** Skips validation ({@code -Drailway.skip}). */
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Railway validation skipped");
      return;
    }
    List<Workflow<?>> workflows = ProjectWorkflows.load(project, providers);
    List<String> invalid = new ArrayList<>();
    StringBuilder reports = new StringBuilder();
    for (Workflow<?> workflow : workflows) {
      ValidationReport report = WorkflowValidator.validate(workflow);
      if (report.isValid()) {
        getLog().info("VALID: " + workflow.id());
        String warnings = report.formatWarnings();
        if (!warnings.isBlank()) {
          getLog().warn(workflow.id() + ":\n" + warnings);
        }
      } else {
        invalid.add(workflow.id());
        String text =
            workflow.id()
                + ": INVALID, "
                + report.problems().size()
                + " problem(s)\n"
                + report.format();
        getLog().error(text);
        reports.append(text).append('\n');
      }
    }
    if (!invalid.isEmpty()) {
      throw new MojoFailureException(
          invalid.size()
              + " of "
              + workflows.size()
              + " workflow(s) invalid: "
              + String.join(", ", invalid)
              + "\n"
              + reports);
    }
    getLog().info(workflows.size() + " workflow(s) valid");
  }
}
