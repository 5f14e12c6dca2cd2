package dev.railway.definition;

import java.util.List;

/**
 * The data contract of a ToDo's commands: their type, and a check that lists every violation of a
 * command (empty when it is valid).
 */
public record DataContract<C>(Class<C> commandType, Check<C> check) {

  /** Lists the violations of a command, each naming the field and the problem. */
  @FunctionalInterface
  public interface Check<C> {
    List<String> violations(C command);
  }

  public DataContract {
    Checks.notNull(commandType, "command type");
    Checks.notNull(check, "contract check");
  }

  public List<String> violations(C command) {
    return List.copyOf(check.violations(command));
  }
}
