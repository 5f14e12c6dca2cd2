package dev.railway.validation;

import java.util.Objects;

/**
 * One problem found in a workflow definition.
 *
 * @param rule short rule name, e.g. {@code event with no target}; see {@link WorkflowValidator}
 * @param task the task it concerns, or null when it concerns the whole workflow
 * @param message what is wrong, naming the task and the types involved
 * @param fix how to fix it
 */
public record Problem(String rule, String task, String message, String fix) {
  public Problem {
    Objects.requireNonNull(rule, "rule of a problem must not be null");
    Objects.requireNonNull(message, "message of a problem must not be null");
    Objects.requireNonNull(fix, "fix of a problem must not be null");
  }
}
