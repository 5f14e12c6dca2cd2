package dev.railway.validation;

import dev.railway.definition.Compromise;
import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import java.util.List;

/**
 * A BlackBoxed task's compromise is a business decision; without its rationale (the paper's four
 * concerns and a reason) nobody can review it.
 */
final class RationaleRequired implements TaskRule {
  static final String RULE = "compromise without rationale";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (task instanceof StateTask<?, ?> state
        && state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed
        && blackBoxed.compromise() != null
        && blackBoxed.compromise().rationale() == null) {
      out.add(
          new Problem(
              RULE,
              task.name(),
              "the "
                  + blackBoxed.compromise().describe()
                  + " compromise of BlackBoxed task '"
                  + task.name()
                  + "' does not say why: a review cannot tell whether it fits the business"
                  + " concerns",
              "attach the concerns and a reason: Compromise."
                  + factory(blackBoxed.compromise())
                  + ".because(new Rationale(Visibility..., Necessity..., Concern..., Set.of(Risk..."
                  + "), \"why, in a sentence\"))"));
    }
  }

  private static String factory(Compromise compromise) {
    return switch (compromise) {
      case Compromise.AtLeastOnce a -> "atLeastOnce()";
      case Compromise.UpTo u -> "upTo(" + u.n() + ")";
      case Compromise.AtMostOnce a -> "atMostOnce()";
      case Compromise.HumanReview h -> "humanReview(\"" + h.todoTask() + "\")";
    };
  }
}
