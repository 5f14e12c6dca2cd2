package dev.railway.definition;

/**
 * Decides a ToDo from its read model and the received command, <em>and nothing else</em>: no I/O,
 * so the decision is reproducible from stored data.
 */
@FunctionalInterface
public interface TodoDecider<M, C> {
  Object decide(M readModel, C command);

  /**
   * Decides knowing who answered; the engine always calls this one. By default the principal is not
   * needed: see {@link TodoBuilder#decide(AnsweredDecider, Class[])} for deciders that read it.
   */
  default Object decide(M readModel, C command, Principal answeredBy) {
    return decide(readModel, command);
  }
}
