package dev.railway.validation;

import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import java.util.List;

/** A State task needs every function its integration kind's algorithm calls (DESIGN.md §5). */
final class MissingStateFunctions implements TaskRule {
  static final String RULE = "missing function";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (!(task instanceof StateTask<?, ?> state)) {
      return;
    }
    Integration<?, ?> integration = state.integration();
    switch (integration) {
      case Integration.Idempotent<?, ?> i ->
          require(state, i.attempt(), "attempt", ".attempt((event, taskId) -> ...)", out);
      case Integration.PessimisticLock<?, ?> p -> {
        require(state, p.attempt(), "attempt", ".attempt((event, taskId) -> ...)", out);
        require(
            state,
            p.previous(),
            "previous",
            ".previous((event, taskId) -> Optional.ofNullable(found by task-id metadata))",
            out);
      }
      case Integration.OptimisticLock<?, ?, ?> o -> {
        require(state, o.firstStep(), "firstStep", ".firstStep((event, taskId) -> ...)", out);
        require(
            state,
            o.firstSteps(),
            "firstSteps",
            ".firstSteps((event, taskId) -> live first steps, oldest first)",
            out);
        require(state, o.completed(), "completed", ".completed((event, taskId) -> ...)", out);
        require(
            state, o.secondStep(), "secondStep", ".secondStep((event, taskId, own) -> ...)", out);
      }
      case Integration.BlackBoxed<?, ?> b -> {
        require(state, b.attempt(), "attempt", ".attempt((event, taskId) -> ...)", out);
        // Without a compromise the compromise rule already names the missing pair; AtLeastOnce
        // always executes again, so it never needs the uncertainty mapping.
        if (b.compromise() != null && !(b.compromise() instanceof Compromise.AtLeastOnce)) {
          require(
              state,
              b.uncertainty(),
              "uncertainty mapping",
              ".compromise(compromise, (event, taskId, startedAt) -> ..., Event.class)",
              out);
        }
      }
    }
    require(
        state,
        integration.decider(),
        "decider",
        ".decide((event, result) -> ..., Accepted.class, Rejected.class)",
        out);
  }

  private static void require(
      StateTask<?, ?> task, Object function, String functionName, String call, List<Problem> out) {
    if (function == null) {
      out.add(
          new Problem(
              RULE,
              task.name(),
              task.kind().displayName()
                  + " task '"
                  + task.name()
                  + "' is missing its "
                  + functionName
                  + " function",
              "add " + call));
    }
  }
}
