package dev.railway.cli;

import dev.railway.definition.Workflow;
import dev.railway.validation.WorkflowValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code railway report}: a one-page review of a workflow for business people. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Railway.Version.class,
    description = {
      "Prints a one-page review of a workflow for business people, as Markdown: the diagram, the"
          + " outcomes and the paths to them, each opaque task with its compromise and why, each"
          + " To Do with who may answer and when it expires, the tasks per category, and the"
          + " validator's findings.",
      "--html writes the same page as one self-contained HTML file (Mermaid inlined: the diagram"
          + " renders with no network).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the review was written (an invalid workflow gets a review too, listing its problems)",
      "2:bad usage, or the workflow could not be found or built"
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin WorkflowSource source;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "also write the page as self-contained HTML to FILE")
  Path html;

  @Override
  public Integer call() throws IOException {
    Workflow<?> workflow = source.loadOne();
    String markdown = ReviewMarkdown.render(workflow, WorkflowValidator.validate(workflow));
    PrintWriter out = spec.commandLine().getOut();
    out.print(markdown);
    out.flush();
    if (html != null) {
      Path parent = html.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          html,
          ReviewHtml.render("Workflow review: " + workflow.id(), markdown, MermaidBundle.script()),
          StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("railway: wrote " + html.toAbsolutePath());
    }
    return ExitCode.OK;
  }
}
