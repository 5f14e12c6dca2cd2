package dev.railway.cli;

import dev.railway.definition.Workflow;
import dev.railway.examples.Examples;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options that choose workflows, shared by every command that reads definitions: {@code
 * --example NAME} or {@code --class FQCN [--classpath CP]}, optionally narrowed by {@code
 * --workflow NAME}. Use it as a {@code @Mixin}.
 */
public final class WorkflowSource {

  static final class Selection {
    @Option(
        names = "--example",
        paramLabel = "NAME",
        description = "A bundled example: ${COMPLETION-CANDIDATES}.",
        completionCandidates = ExampleNames.class)
    String example;

    @Option(
        names = "--class",
        paramLabel = "FQCN",
        description =
            "A class implementing dev.railway.definition.WorkflowProvider (public no-argument"
                + " constructor), or with public static no-argument methods returning Workflow.")
    String className;
  }

  /** Lets picocli list the example names in help and completion. */
  static final class ExampleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Examples.names().iterator();
    }
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(
      names = "--classpath",
      paramLabel = "CP",
      description =
          "Jars and directories to load --class from, separated by '${sys:path.separator}'.")
  String classpath;

  @Option(
      names = "--workflow",
      paramLabel = "NAME",
      description = "Only the workflow with this name (when the source provides several).")
  String workflowName;

  /** The chosen workflows, in the order the source provides them; never empty. */
  public List<Workflow<?>> load() {
    List<Workflow<?>> workflows;
    if (selection.example != null) {
      if (classpath != null) {
        throw new WorkflowSourceException(
            "--classpath applies to --class only; the examples are built in (got --classpath "
                + classpath
                + ")");
      }
      workflows = List.of(example(selection.example));
    } else {
      workflows = WorkflowClassLoader.load(selection.className, classpath);
    }
    if (workflowName == null) {
      return workflows;
    }
    List<Workflow<?>> named =
        workflows.stream()
            .filter(w -> w.name().equals(workflowName) || w.id().equals(workflowName))
            .toList();
    if (named.isEmpty()) {
      throw new WorkflowSourceException(
          "no workflow named '"
              + workflowName
              + "' in "
              + describe()
              + "; it provides: "
              + String.join(", ", workflows.stream().map(Workflow::name).toList()));
    }
    return named;
  }

  /** Exactly one workflow: the source's only one, or the one {@code --workflow} names. */
  public Workflow<?> loadOne() {
    List<Workflow<?>> workflows = load();
    if (workflows.size() > 1) {
      throw new WorkflowSourceException(
          describe()
              + " provides "
              + workflows.size()
              + " workflows ("
              + String.join(", ", workflows.stream().map(Workflow::name).toList())
              + "): choose one with --workflow NAME");
    }
    return workflows.getFirst();
  }

  /** The chosen example's name, or null when a class was chosen. */
  public String exampleName() {
    return selection.example;
  }

  /** {@code example 'orders'} or {@code class 'com.acme.Flows'}, for messages. */
  public String describe() {
    return selection.example != null
        ? "example '" + selection.example + "'"
        : "class '" + selection.className + "'";
  }

  private static Workflow<?> example(String name) {
    Examples.Example example =
        Examples.find(name)
            .orElseThrow(() ->
                new WorkflowSourceException(
                    "unknown example '"
                        + name
                        + "'; available examples: "
                        + String.join(", ", Examples.names())));
    try {
      return example.workflow().get();
    } catch (RuntimeException e) {
      throw new WorkflowSourceException(
          "example '" + name + "' could not be built: " + e.getMessage(), e);
    }
  }
}
