package dev.railway.diagram;

import dev.railway.definition.Workflow;

/** Renders a workflow as a Mermaid {@code stateDiagram-v2} in the paper's legend. */
public final class MermaidDiagram {
  private MermaidDiagram() {}

  public static String render(Workflow<?> workflow) {
    // Placeholder until the renderer lands.
    return "stateDiagram-v2\n";
  }
}
