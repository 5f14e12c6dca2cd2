package dev.railway.http;

import java.util.List;
import java.util.Objects;

/** What became of a command sent to a ToDo. */
public sealed interface CommandResult {

  /**
   * The ToDo was decided with {@code event}: by this command, or by the same caller's identical
   * earlier command (a retry gets the same answer).
   */
  record Decided(String taskId, Object event) implements CommandResult {
    public Decided {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(event, "event");
    }
  }

  /** Nothing was recorded; {@code detail} says why, {@code errors} lists each field's problem. */
  record Refused(Refusal refusal, String detail, List<FieldError> errors) implements CommandResult {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(detail, "detail");
      errors = List.copyOf(errors);
    }

    static Refused of(Refusal refusal, String detail) {
      return new Refused(refusal, detail, List.of());
    }
  }
}
