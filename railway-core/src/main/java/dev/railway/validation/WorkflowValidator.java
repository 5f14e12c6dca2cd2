package dev.railway.validation;

import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a workflow definition against every static rule of the design, before anything runs, and
 * reports all problems at once. Each {@link Problem} names its rule, the task it concerns and how
 * to fix it.
 *
 * <p>Rules, by the name a {@link Problem#rule()} carries:
 *
 * <ul>
 *   <li>{@code unknown start task}; {@code event does not fit the target task} (also for a trigger
 *       the start task does not accept);
 *   <li>{@code duplicate task name}; {@code missing identifier};
 *   <li>{@code missing function} (the functions of each integration kind and the decider); {@code
 *       State without fault mapping}; {@code BlackBoxed task without compromise}; {@code compromise
 *       without rationale}; {@code HumanReview target is not a ToDo}; {@code HumanReview event not
 *       routed to its ToDo};
 *   <li>{@code ToDo missing read model}, {@code ToDo missing data contract}, {@code ToDo missing
 *       access rule}, {@code ToDo missing decision};
 *   <li>{@code no expiry mapping}; {@code ToDo without expiry}; {@code default exit not an outcome}
 *       (a task using a default fault or expiry exit routes its event elsewhere);
 *   <li>{@code event with no target}; {@code event with two targets}; {@code route for an event
 *       never emitted}; {@code unknown target task};
 *   <li>{@code unreachable task}; {@code no outcome reachable} (a ToDo declared {@code
 *       cannotExpire()} that routes to itself, and any task leading to one, may do without);
 *   <li>{@code non-deterministic identifier}: the identifier is probed with sample events built
 *       from the task's input type; it must give the same non-blank identifier for the same event
 *       and for an equal copy. The probe runs the identifier function, so it must be pure.
 * </ul>
 *
 * <p>Warnings do not make a workflow invalid: risky compromises for the concerns their rationale
 * states ({@link RiskyCompromises}), acknowledged or not.
 *
 * <p>Problems come in a stable order: workflow-level problems first, then by task in declaration
 * order, then by rule in the order above.
 */
public final class WorkflowValidator {
  private static final List<WorkflowRule> WORKFLOW_RULES = List.of(new StartTask());

  private static final List<TaskRule> TASK_RULES =
      List.of(
          new DuplicateTaskName(),
          new MissingIdentifier(),
          new MissingStateFunctions(),
          new FaultMappingRequired(),
          new CompromiseRequired(),
          new RationaleRequired(),
          new HumanReviewTarget(),
          new IncompleteTodo(),
          new ExpiryDeclared(),
          new DefaultExitRouted(),
          new EmittedEventsRouted(),
          new RouteTargets(),
          new Reachability(),
          new IdentifierProbe());

  private WorkflowValidator() {}

  /** Every problem of {@code workflow}; {@link ValidationReport#isValid()} when there is none. */
  public static ValidationReport validate(Workflow<?> workflow) {
    Objects.requireNonNull(workflow, "workflow to validate must not be null");
    WorkflowGraph graph = new WorkflowGraph(workflow);
    List<Problem> problems = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    for (WorkflowRule rule : WORKFLOW_RULES) {
      rule.check(graph, problems);
    }
    for (Task<?> task : workflow.tasks()) {
      for (TaskRule rule : TASK_RULES) {
        rule.check(task, graph, problems);
      }
      RiskyCompromises.check(task, warnings);
    }
    return new ValidationReport(workflow, problems, warnings);
  }

  /**
   * Returns {@code workflow} when it is valid; otherwise throws an {@link InvalidWorkflowException}
   * carrying the report. For engines and tools that must refuse invalid definitions.
   */
  public static <T> Workflow<T> requireValid(Workflow<T> workflow) {
    ValidationReport report = validate(workflow);
    if (!report.isValid()) {
      throw new InvalidWorkflowException(report);
    }
    return workflow;
  }
}
