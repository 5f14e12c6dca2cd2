package dev.railway.cli;

import dev.railway.definition.Category;
import dev.railway.definition.Cause;
import dev.railway.definition.Compromise;
import dev.railway.definition.Emission;
import dev.railway.definition.Expiration;
import dev.railway.definition.Integration;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.Route;
import dev.railway.definition.StateTask;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.diagram.MermaidDiagram;
import dev.railway.validation.Problem;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.Warning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-page review of a workflow for business people, as Markdown: the diagram, the outcomes and
 * the paths to them, each opaque task with its compromise and why, each To Do with who may answer
 * and when it expires, the counts per category and the validator's findings. Read from the
 * definition only; the output depends on nothing else (no clock, no environment), so it diffs
 * cleanly between versions of a workflow.
 */
final class ReviewMarkdown {
  private ReviewMarkdown() {}

  static String render(Workflow<?> workflow, ValidationReport report) {
    StringBuilder out = new StringBuilder();
    out.append("# Workflow review: ").append(workflow.id()).append("\n\n");
    out.append("Started by **")
        .append(workflow.triggerType().getSimpleName())
        .append("** at task `")
        .append(workflow.startTask())
        .append("`. ")
        .append(workflow.tasks().size())
        .append(" tasks; it ends in one of: ")
        .append(
            outcomeTypes(workflow).keySet().stream()
                .map(name -> "**" + name + "**")
                .collect(Collectors.joining(", ")))
        .append(".\n\n");
    out.append(verdict(report)).append("\n\n");

    out.append("## Diagram\n\n```mermaid\n")
        .append(MermaidDiagram.render(workflow))
        .append("```\n\n");

    categories(workflow, out);
    outcomes(workflow, out);
    opaqueTasks(workflow, out);
    todos(workflow, out);
    defaultExits(workflow, out);
    findings(report, out);
    return out.toString();
  }

  private static String verdict(ValidationReport report) {
    String warnings =
        report.warnings().isEmpty()
            ? "no warnings"
            : report.warnings().size()
                + (report.warnings().size() == 1 ? " warning" : " warnings")
                + " ("
                + (report.warnings().size() - report.unacknowledgedWarnings().size())
                + " acknowledged)";
    return report.isValid()
        ? "**Validator:** valid, no problems; " + warnings + "."
        : "**Validator: INVALID**, "
            + report.problems().size()
            + (report.problems().size() == 1 ? " problem" : " problems")
            + "; "
            + warnings
            + ". It cannot run until they are fixed.";
  }

  private static void categories(Workflow<?> workflow, StringBuilder out) {
    out.append("## Tasks by category\n\n");
    out.append("| Category | Count | Tasks | What it means |\n|---|---|---|---|\n");
    for (Category category : Category.values()) {
      List<String> names =
          workflow.tasks().stream()
              .filter(t -> t.category() == category)
              .map(t -> "`" + t.name() + "`")
              .toList();
      out.append("| ")
          .append(category.label())
          .append(" | ")
          .append(names.size())
          .append(" | ")
          .append(names.isEmpty() ? "–" : String.join(", ", names))
          .append(" | ")
          .append(category.meaning())
          .append(" |\n");
    }
    out.append('\n');
  }

  private static void outcomes(Workflow<?> workflow, StringBuilder out) {
    out.append("## Outcomes and the paths to them\n\n");
    Map<String, List<String>> paths = shortestPaths(workflow);
    outcomeTypes(workflow)
        .forEach((name, type) -> {
          out.append("### ").append(name).append("\n\n");
          out.append("| From task | When | Shortest path from the start |\n|---|---|---|\n");
          for (Task<?> task : workflow.tasks()) {
            if (!(task.targetOf(type).orElse(null) instanceof Target.Outcome)) {
              continue;
            }
            List<String> when = new ArrayList<>();
            for (Emission e : task.emissions()) {
              if (e.eventType().equals(type)) {
                when.add(when(workflow, task, e.cause()));
              }
            }
            out.append("| `")
                .append(task.name())
                .append("` | ")
                .append(when.isEmpty() ? "never emitted" : String.join("; ", when))
                .append(" | ")
                .append(
                    Optional.ofNullable(paths.get(task.name()))
                        .map(p -> String.join(" → ", p))
                        .orElse("unreachable"))
                .append(" |\n");
          }
          out.append('\n');
        });
  }

  private static String when(Workflow<?> workflow, Task<?> task, Cause cause) {
    String when =
        switch (cause) {
          case DECISION -> "its decision";
          case FAULT -> "a fault, once retries give up";
          case EXPIRY -> "it expires";
          case POSSIBLE_FAILURE -> "a possible failure";
        };
    return workflow.usesDefaultExit(task, cause) ? when + " (default exit)" : when;
  }

  private static void opaqueTasks(Workflow<?> workflow, StringBuilder out) {
    out.append("## Opaque tasks: the business compromises\n\n");
    List<StateTask<?, ?>> opaque =
        workflow.tasks().stream()
            .filter(t -> t.category() == Category.OPAQUE)
            .<StateTask<?, ?>>map(t -> (StateTask<?, ?>) t)
            .toList();
    if (opaque.isEmpty()) {
      out.append("None: every third party can be made to act exactly once.\n\n");
      return;
    }
    out.append(
        "Nobody can know whether an opaque third party acted when an attempt started and was never"
            + " heard of again (a *possible failure*). The compromise says what happens then.\n\n");
    for (StateTask<?, ?> task : opaque) {
      Compromise compromise = ((Integration.BlackBoxed<?, ?>) task.integration()).compromise();
      out.append("### `").append(task.name()).append("`\n\n");
      if (compromise == null) {
        out.append("- **Compromise:** MISSING\n\n");
        continue;
      }
      out.append("- **Compromise:** ")
          .append(compromise.describe())
          .append(": ")
          .append(compromise.explain())
          .append('\n');
      Optional<Rationale> why = compromise.rationaleIfAny();
      out.append("- **Why:** ")
          .append(why.map(Rationale::reason).orElse("MISSING: no rationale given"))
          .append('\n');
      why.ifPresent(r ->
          out.append("- **Concerns:** visibility ")
              .append(r.visibility().label())
              .append(" · necessity ")
              .append(r.necessity().label())
              .append(" · hurts the ")
              .append(r.concern().label())
              .append(" · risks ")
              .append(
                  r.risks().isEmpty()
                      ? "none named"
                      : r.risks().stream().map(Risk::label).collect(Collectors.joining(", ")))
              .append('\n'));
      out.append("- **A possible failure leads to:** ")
          .append(leadsTo(workflow, task, Cause.POSSIBLE_FAILURE, compromise))
          .append('\n');
      out.append("- **A fault leads to:** ")
          .append(leadsTo(workflow, task, Cause.FAULT, compromise))
          .append("\n\n");
    }
  }

  private static String leadsTo(
      Workflow<?> workflow, Task<?> task, Cause cause, Compromise compromise) {
    List<String> targets = new ArrayList<>();
    for (Class<?> type : task.emitted(cause)) {
      String target =
          task.targetOf(type)
              .map(t ->
                  switch (t) {
                    case Target.Outcome o -> "the outcome";
                    case Target.ToTask to -> "`" + to.taskName() + "`";
                  })
              .orElse("nowhere (no target)");
      targets.add("**" + type.getSimpleName() + "** → " + target);
    }
    if (targets.isEmpty()) {
      return cause == Cause.POSSIBLE_FAILURE && compromise instanceof Compromise.AtLeastOnce
          ? "another attempt, until one is recorded"
          : "nothing declared";
    }
    String prefix =
        cause == Cause.POSSIBLE_FAILURE && compromise instanceof Compromise.UpTo
            ? "another attempt while retries remain, then "
            : "";
    String suffix = workflow.usesDefaultExit(task, cause) ? " (default exit)" : "";
    return prefix + String.join(", ", targets) + suffix;
  }

  private static void todos(Workflow<?> workflow, StringBuilder out) {
    out.append("## To Do tasks: who answers, and when they expire\n\n");
    List<TodoTask<?, ?, ?>> todos =
        workflow.tasks().stream()
            .filter(t -> t instanceof TodoTask<?, ?, ?>)
            .<TodoTask<?, ?, ?>>map(t -> (TodoTask<?, ?, ?>) t)
            .toList();
    if (todos.isEmpty()) {
      out.append("None: nothing waits for a person or another system.\n\n");
      return;
    }
    out.append("| To Do | Who may answer | Answered through | Expires | On expiry |\n");
    out.append("|---|---|---|---|---|\n");
    for (TodoTask<?, ?, ?> todo : todos) {
      out.append("| `")
          .append(todo.name())
          .append("` | ")
          .append(
              todo.accessRule() == null
                  ? "MISSING"
                  : todo.accessRule().who().orElse("decided in code (no description)"))
          .append(" | ")
          .append(todo.endpoint() == null ? "MISSING" : "`" + todo.endpoint().describe() + "`")
          .append(" | ")
          .append(expires(todo.expiration()))
          .append(" | ")
          .append(
              todo.expiration().canExpire()
                  ? leadsTo(workflow, todo, Cause.EXPIRY, null)
                  : "waits until someone answers")
          .append(" |\n");
    }
    out.append('\n');
  }

  private static String expires(Expiration<?> expiration) {
    return switch (expiration) {
      case Expiration.CannotExpire<?> c -> "never (declared)";
      case Expiration.Undeclared<?> u -> "NOT DECLARED";
      case Expiration.Expires<?> e -> {
        List<String> ways = new ArrayList<>();
        e.deadlineIfAny().ifPresent(d -> ways.add("after " + WorkflowSummary.human(d)));
        e.stillNeededIfAny().ifPresent(s -> ways.add("when no longer needed"));
        yield String.join(" or ", ways);
      }
    };
  }

  private static void defaultExits(Workflow<?> workflow, StringBuilder out) {
    if (workflow.defaultFault() == null && workflow.defaultExpiry() == null) {
      return;
    }
    out.append("## Default exits\n\n");
    out.append(
        "Faults and expiries that have nowhere better to go end the workflow here, as the paper"
            + " allows; the diagram draws them once.\n\n");
    for (Cause cause : List.of(Cause.FAULT, Cause.EXPIRY)) {
      workflow
          .defaultExit(cause)
          .ifPresent(exit -> {
            List<String> users =
                workflow.tasks().stream()
                    .filter(t -> workflow.usesDefaultExit(t, cause))
                    .map(t -> "`" + t.name() + "`")
                    .toList();
            out.append("- **")
                .append(cause == Cause.FAULT ? "Any other fault" : "Any other expiry")
                .append("** → ")
                .append(
                    exit.emits().stream()
                        .map(c -> "**" + c.getSimpleName() + "**")
                        .collect(Collectors.joining(", ")))
                .append(", for ")
                .append(users.isEmpty() ? "no task" : String.join(", ", users))
                .append('\n');
          });
    }
    out.append('\n');
  }

  private static void findings(ValidationReport report, StringBuilder out) {
    out.append("## Validator findings\n\n");
    if (report.problems().isEmpty() && report.warnings().isEmpty()) {
      out.append("No problems and no warnings.\n");
      return;
    }
    for (Problem p : report.problems()) {
      out.append("- **Problem** (")
          .append(p.rule())
          .append("): ")
          .append(p.message())
          .append(". Fix: ")
          .append(p.fix())
          .append('\n');
    }
    for (Warning w : report.warnings()) {
      out.append("- **Warning ")
          .append(w.rule())
          .append("**: ")
          .append(w.message())
          .append(". Consider: ")
          .append(w.suggestion())
          .append('.');
      if (w.acknowledged()) {
        out.append(" *Acknowledged by the team:* ").append(w.acknowledgement());
      }
      out.append('\n');
    }
  }

  /** Outcome event types by simple name, sorted. */
  private static Map<String, Class<?>> outcomeTypes(Workflow<?> workflow) {
    Map<String, Class<?>> types = new TreeMap<>();
    for (Task<?> task : workflow.tasks()) {
      for (Route route : task.routes()) {
        if (route.target() instanceof Target.Outcome) {
          types.putIfAbsent(route.eventType().getSimpleName(), route.eventType());
        }
      }
    }
    return types;
  }

  /** For each reachable task, the shortest route from the start, in declaration order on ties. */
  private static Map<String, List<String>> shortestPaths(Workflow<?> workflow) {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    if (workflow.task(workflow.startTask()).isEmpty()) {
      return paths;
    }
    paths.put(workflow.startTask(), List.of(workflow.startTask()));
    Deque<String> queue = new ArrayDeque<>(List.of(workflow.startTask()));
    while (!queue.isEmpty()) {
      String name = queue.poll();
      Task<?> task = workflow.task(name).orElseThrow();
      for (Route route : task.routes()) {
        if (route.target() instanceof Target.ToTask to
            && workflow.task(to.taskName()).isPresent()
            && !paths.containsKey(to.taskName())) {
          List<String> path = new ArrayList<>(paths.get(name));
          path.add(to.taskName());
          paths.put(to.taskName(), List.copyOf(path));
          queue.add(to.taskName());
        }
      }
    }
    return paths;
  }
}
