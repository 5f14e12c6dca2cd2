package dev.railway.cli;

import dev.railway.diagram.MermaidDiagram;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code railway diagram}: prints a workflow as a Mermaid state diagram. */
@Command(
    name = "diagram",
    mixinStandardHelpOptions = true,
    versionProvider = Railway.Version.class,
    description = {
      "Prints a workflow as a Mermaid stateDiagram-v2, in the paper's legend.",
      "Paste it into any Mermaid renderer (GitHub and GitLab render ```mermaid blocks).",
    })
final class DiagramCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin WorkflowSource source;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String diagram = MermaidDiagram.render(source.loadOne());
    out.print(diagram);
    if (!diagram.endsWith("\n")) {
      out.println();
    }
    out.flush();
    return ExitCode.OK;
  }
}
