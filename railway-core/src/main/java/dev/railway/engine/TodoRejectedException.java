package dev.railway.engine;

import java.util.List;

/** A command to a ToDo was refused; {@link #reason()} says why and nothing was recorded. */
public final class TodoRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a command was refused. */
  public enum Reason {
    /** No open ToDo has this task identifier. */
    NOT_FOUND,
    /** The access rule refused the principal. */
    ACCESS_DENIED,
    /** The command broke the data contract; see {@link #violations()}. */
    CONTRACT_VIOLATED,
    /** The ToDo was decided before (first command wins). */
    ALREADY_DECIDED,
    /** The ToDo has expired; its expiry transition applies. */
    EXPIRED
  }

  private final Reason reason;
  private final String taskId;
  private final List<String> violations;

  TodoRejectedException(Reason reason, String taskId, String message, List<String> violations) {
    super(message);
    this.reason = reason;
    this.taskId = taskId;
    this.violations = List.copyOf(violations);
  }

  TodoRejectedException(Reason reason, String taskId, String message) {
    this(reason, taskId, message, List.of());
  }

  public Reason reason() {
    return reason;
  }

  public String taskId() {
    return taskId;
  }

  public List<String> violations() {
    return violations;
  }
}
