package dev.railway.validation;

import java.util.Objects;

/**
 * A risk the validator sees in a valid workflow: it does not stop the workflow from running, but a
 * review should read it. A team that accepts it acknowledges it in the definition, and the warning
 * then carries the team's reason.
 *
 * @param rule the rule's name, e.g. {@code SILENT_LOSS} (a {@link
 *     dev.railway.definition.CompromiseWarning} name for compromise warnings)
 * @param task the task it concerns, or null when it concerns the whole workflow
 * @param message what is risky, in words, naming the task
 * @param suggestion what to consider instead
 * @param acknowledgement the team's reason for accepting it, or null when not acknowledged
 */
public record Warning(
    String rule, String task, String message, String suggestion, String acknowledgement) {
  public Warning {
    Objects.requireNonNull(rule, "rule of a warning must not be null");
    Objects.requireNonNull(message, "message of a warning must not be null");
    Objects.requireNonNull(suggestion, "suggestion of a warning must not be null");
  }

  /** Whether the team accepted this risk in the definition. */
  public boolean acknowledged() {
    return acknowledgement != null;
  }
}
