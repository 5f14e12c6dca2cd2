package dev.railway.cli;

import dev.railway.definition.Category;
import dev.railway.definition.Cause;
import dev.railway.definition.Emission;
import dev.railway.definition.Expiration;
import dev.railway.definition.Integration;
import dev.railway.definition.Risk;
import dev.railway.definition.Route;
import dev.railway.definition.StateTask;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A plain-text summary of a workflow: its tasks with their common-language category, shape and
 * kind, the rationale of each compromise, every transition with the path that emits it (marking the
 * paths a default exit takes), the default exits, the counts per category and the outcomes. Read
 * from the definition only; no user code runs.
 */
final class WorkflowSummary {
  private WorkflowSummary() {}

  static String of(Workflow<?> workflow) {
    StringBuilder out = new StringBuilder();
    out.append("workflow ").append(workflow.id()).append('\n');
    out.append("  trigger ")
        .append(workflow.triggerType().getSimpleName())
        .append(", starts at ")
        .append(workflow.startTask())
        .append('\n');
    out.append("  tasks (").append(workflow.tasks().size()).append("):\n");
    int width = workflow.tasks().stream().mapToInt(t -> t.name().length()).max().orElse(0);
    int categoryWidth =
        Arrays.stream(Category.values()).mapToInt(c -> c.label().length()).max().orElse(0);
    for (Task<?> task : workflow.tasks()) {
      out.append("    ")
          .append(pad(task.name(), width))
          .append("  ")
          .append(pad(task.category().label(), categoryWidth))
          .append("  ")
          .append(task.shape());
      String details = details(task);
      if (!details.isEmpty()) {
        out.append("  (").append(details).append(')');
      }
      out.append('\n');
      rationale(task).ifPresent(why -> out.append("      why: ").append(why).append('\n'));
      for (String transition : transitions(workflow, task)) {
        out.append("      ").append(transition).append('\n');
      }
    }
    for (String exit : defaultExits(workflow)) {
      out.append("  default exit: ").append(exit).append('\n');
    }
    out.append("  categories: ").append(categoryCounts(workflow)).append('\n');
    out.append("  outcomes: ").append(String.join(", ", outcomes(workflow))).append('\n');
    return out.toString();
  }

  /**
   * {@code To Do 4, Trivial 2, Deterministic 2, Opaque 2}: every category, in the paper's order.
   */
  static String categoryCounts(Workflow<?> workflow) {
    Map<Category, Long> counts = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      counts.put(category, 0L);
    }
    workflow.tasks().forEach(t -> counts.merge(t.category(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((category, n) -> parts.add(category.label() + " " + n));
    return String.join(", ", parts);
  }

  /** The concerns and reason behind a BlackBoxed task's compromise, on one line. */
  static Optional<String> rationale(Task<?> task) {
    if (!(task instanceof StateTask<?, ?> state)
        || !(state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed)
        || blackBoxed.compromise() == null) {
      return Optional.empty();
    }
    return Optional.of(
        blackBoxed
            .compromise()
            .rationaleIfAny()
            .map(why ->
                why.visibility().label()
                    + ", "
                    + why.necessity().label()
                    + ", concerns the "
                    + why.concern().label()
                    + ", risks "
                    + (why.risks().isEmpty()
                        ? "none"
                        : why.risks().stream().map(Risk::label).collect(Collectors.joining(" + ")))
                    + ": "
                    + why.reason())
            .orElse("MISSING (no rationale for the compromise)"));
  }

  /** {@code fault -> OrderCancelled, used by 5 tasks}, one per default exit declared. */
  private static List<String> defaultExits(Workflow<?> workflow) {
    List<String> lines = new ArrayList<>();
    for (Cause cause : List.of(Cause.FAULT, Cause.EXPIRY)) {
      workflow
          .defaultExit(cause)
          .ifPresent(exit -> {
            long users =
                workflow.tasks().stream().filter(t -> workflow.usesDefaultExit(t, cause)).count();
            lines.add(
                cause.label()
                    + " -> "
                    + exit.emits().stream()
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", "))
                    + " (outcome), used by "
                    + users
                    + (users == 1 ? " task" : " tasks"));
          });
    }
    return lines;
  }

  private static String details(Task<?> task) {
    List<String> details = new ArrayList<>();
    if (task instanceof StateTask<?, ?> state
        && state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed) {
      details.add(
          "compromise "
              + (blackBoxed.compromise() == null ? "MISSING" : blackBoxed.compromise().describe()));
    }
    if (task instanceof TodoTask<?, ?, ?> todo) {
      details.add(todo.endpoint().describe());
    }
    switch (task.expiration()) {
      case Expiration.CannotExpire<?> c -> details.add("cannot expire");
      case Expiration.Expires<?> e ->
          details.add(
              e.deadlineIfAny()
                  .map(d -> "expires after " + human(d))
                  .orElse("expires when no longer needed"));
      case Expiration.Undeclared<?> u -> {}
    }
    return String.join(", ", details);
  }

  /**
   * {@code Event -> target [paths]}, one per event type, in declaration order; a path a default
   * exit takes reads e.g. {@code fault (default)}.
   */
  private static List<String> transitions(Workflow<?> workflow, Task<?> task) {
    Map<Class<?>, Set<String>> causes = new LinkedHashMap<>();
    for (Emission emission : task.emissions()) {
      boolean byDefault =
          workflow.usesDefaultExit(task, emission.cause())
              && workflow
                  .defaultExit(emission.cause())
                  .map(exit -> exit.emits().contains(emission.eventType()))
                  .orElse(false);
      causes
          .computeIfAbsent(emission.eventType(), t -> new LinkedHashSet<>())
          .add(emission.cause().label() + (byDefault ? " (default)" : ""));
    }
    for (Route route : task.routes()) {
      causes.computeIfAbsent(route.eventType(), t -> new LinkedHashSet<>());
    }
    List<String> lines = new ArrayList<>();
    causes.forEach((type, paths) -> {
      List<String> targets =
          task.routes().stream()
              .filter(r -> r.eventType().equals(type))
              .map(r -> describe(r.target()))
              .toList();
      String target = targets.isEmpty() ? "NO TARGET" : String.join(" AND ", targets);
      String via = paths.isEmpty() ? "never emitted" : String.join(", ", paths);
      lines.add(type.getSimpleName() + " -> " + target + "  [" + via + "]");
    });
    return lines;
  }

  private static String describe(Target target) {
    return switch (target) {
      case Target.ToTask t -> t.taskName();
      case Target.Outcome o -> "outcome";
    };
  }

  private static Set<String> outcomes(Workflow<?> workflow) {
    Set<String> outcomes = new TreeSet<>();
    for (Task<?> task : workflow.tasks()) {
      for (Route route : task.routes()) {
        if (route.target() instanceof Target.Outcome) {
          outcomes.add(route.eventType().getSimpleName());
        }
      }
    }
    return outcomes;
  }

  /** {@code 2d}, {@code 1h30m}, {@code 45s}: easier to read than ISO-8601 in a summary. */
  static String human(Duration duration) {
    StringBuilder out = new StringBuilder();
    long days = duration.toDays();
    if (days > 0) {
      out.append(days).append('d');
    }
    if (duration.toHoursPart() > 0) {
      out.append(duration.toHoursPart()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      out.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0 || out.isEmpty()) {
      out.append(duration.toSecondsPart());
      if (duration.toMillisPart() > 0) {
        out.append('.').append(String.format("%03d", duration.toMillisPart()));
      }
      out.append('s');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
