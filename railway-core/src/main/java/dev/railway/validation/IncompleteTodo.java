package dev.railway.validation;

import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import java.util.List;

/**
 * A ToDo needs the four parts the paper lists: a read model built on entry, a data contract for
 * commands, an access rule, and a decision made from those and nothing else.
 */
final class IncompleteTodo implements TaskRule {
  static final String READ_MODEL = "ToDo missing read model";
  static final String CONTRACT = "ToDo missing data contract";
  static final String ACCESS = "ToDo missing access rule";
  static final String DECISION = "ToDo missing decision";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (!(task instanceof TodoTask<?, ?, ?> todo)) {
      return;
    }
    require(
        todo,
        todo.readModel(),
        READ_MODEL,
        "no read model function (what the person or system sees)",
        ".readModel((event, taskId) -> new SomeReadModel(...))",
        out);
    require(
        todo,
        todo.contract(),
        CONTRACT,
        "no data contract for its commands",
        ".contract(command -> List.of() /* or the violations */)",
        out);
    require(
        todo,
        todo.accessRule(),
        ACCESS,
        "no access rule: anyone could read and decide it",
        ".access((principal, readModel) -> principal.hasRole(\"...\"))",
        out);
    require(
        todo,
        todo.decider(),
        DECISION,
        "no decision function",
        ".decide((readModel, command) -> ..., Approved.class, Rejected.class)",
        out);
  }

  private static void require(
      TodoTask<?, ?, ?> todo,
      Object part,
      String rule,
      String what,
      String call,
      List<Problem> out) {
    if (part == null) {
      out.add(
          new Problem(rule, todo.name(), "ToDo '" + todo.name() + "' has " + what, "add " + call));
    }
  }
}
