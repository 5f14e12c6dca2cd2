package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Principal;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.engine.TodoRejectedException.Reason;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ToDo side of the engine: query open ToDos (access rule applied) and complete them. A command
 * goes through the access rule, the data contract and the decision — and nothing else — then the
 * first recorded decision wins; later commands get {@link Reason#ALREADY_DECIDED}.
 */
public final class TodoInbox {
  private final Store store;
  private final WorkflowRegistry registry;
  private final EventCodec codec;
  private final TaskRunner runner;
  private final Clock clock;

  TodoInbox(
      Store store, WorkflowRegistry registry, EventCodec codec, TaskRunner runner, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.codec = codec;
    this.runner = runner;
    this.clock = clock;
  }

  /**
   * Open ToDos of a workflow's task that {@code principal} may see and that match {@code filter}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <M> List<OpenTodo<M>> open(
      Principal principal, String workflow, String taskName, Predicate<M> filter) {
    Workflow<?> w = registry.workflow(workflowId(workflow));
    TodoTask todo = todoTask(w, taskName);
    List<OpenTodo<M>> visible = new ArrayList<>();
    for (TaskEntry e : store.openTodos(w.id(), taskName)) {
      M readModel = (M) codec.decode(e.readModel());
      if (todo.accessRule().allows(principal, readModel) && filter.test(readModel)) {
        visible.add(
            new OpenTodo<>(
                e.taskId(),
                e.instanceId(),
                w.id(),
                taskName,
                readModel,
                e.enteredAt(),
                e.deadlineAt()));
      }
    }
    return visible;
  }

  /** Every open ToDo of a workflow's task that {@code principal} may see. */
  public <M> List<OpenTodo<M>> open(Principal principal, String workflow, String taskName) {
    return open(principal, workflow, taskName, m -> true);
  }

  /** The read model of an open ToDo, if {@code principal} may see it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <M> Optional<M> readModel(Principal principal, String taskId) {
    Optional<TaskEntry> entry = store.task(taskId).filter(TaskEntry::todo);
    if (entry.isEmpty() || store.decision(taskId).isPresent()) {
      return Optional.empty();
    }
    TodoTask todo = todoTask(registry.workflow(entry.get().workflow()), entry.get().taskName());
    M readModel = (M) codec.decode(entry.get().readModel());
    return todo.accessRule().allows(principal, readModel)
        ? Optional.of(readModel)
        : Optional.empty();
  }

  /**
   * Completes the ToDo {@code taskId} with {@code command} on behalf of {@code principal}.
   *
   * @return the recorded transition event
   * @throws TodoRejectedException naming why nothing was recorded
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object complete(String taskId, Principal principal, Object command) {
    TaskEntry entry =
        store
            .task(taskId)
            .filter(TaskEntry::todo)
            .orElseThrow(() ->
                new TodoRejectedException(Reason.NOT_FOUND, taskId, "no ToDo with id " + taskId));
    if (store.decision(taskId).isPresent()) {
      throw alreadyDecided(taskId);
    }
    Workflow<?> workflow = registry.workflow(entry.workflow());
    TodoTask todo = todoTask(workflow, entry.taskName());
    Object readModel = codec.decode(entry.readModel());
    if (!todo.accessRule().allows(principal, readModel)) {
      throw new TodoRejectedException(
          Reason.ACCESS_DENIED, taskId, principal.name() + " may not act on ToDo " + taskId);
    }
    Class<?> expected = todo.contract().commandType();
    if (!expected.isInstance(command)) {
      throw new TodoRejectedException(
          Reason.CONTRACT_VIOLATED,
          taskId,
          "ToDo " + taskId + " takes " + expected.getSimpleName() + ", not " + typeOf(command),
          List.of("command: expected " + expected.getName() + ", got " + typeOf(command)));
    }
    List<String> violations = todo.contract().violations(command);
    if (!violations.isEmpty()) {
      throw new TodoRejectedException(
          Reason.CONTRACT_VIOLATED,
          taskId,
          "command for ToDo " + taskId + " breaks its contract: " + String.join("; ", violations),
          violations);
    }
    Object event = codec.decode(entry.input());
    if (TaskRunner.expired(todo.expiration(), entry, event, clock.instant())) {
      throw new TodoRejectedException(Reason.EXPIRED, taskId, "ToDo " + taskId + " has expired");
    }
    Object decided = todo.decider().decide(readModel, command);
    if (!runner.record(workflow, todo, entry, decided, Cause.DECISION, principal.name())) {
      throw alreadyDecided(taskId);
    }
    return decided;
  }

  /** Completes the ToDo that {@code command} locates, for queue and webhook endpoints. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object submit(String workflow, String taskName, Principal principal, Object command) {
    TodoTask todo = todoTask(registry.workflow(workflowId(workflow)), taskName);
    if (todo.locator() == null) {
      throw new IllegalArgumentException(
          "ToDo '"
              + taskName
              + "' has no command locator: declare locatedBy(...) or use complete(taskId, ...)");
    }
    return complete(todo.locator().taskId(command), principal, command);
  }

  private TodoRejectedException alreadyDecided(String taskId) {
    String by = store.decision(taskId).map(d -> d.decidedBy()).orElse("another command");
    return new TodoRejectedException(
        Reason.ALREADY_DECIDED, taskId, "ToDo " + taskId + " was already decided by " + by);
  }

  private String workflowId(String workflow) {
    if (workflow.contains("@")) {
      return workflow;
    }
    return registry.all().stream()
        .filter(w -> w.name().equals(workflow))
        .map(Workflow::id)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalArgumentException("no workflow named '" + workflow + "'"));
  }

  private static TodoTask<?, ?, ?> todoTask(Workflow<?> w, String taskName) {
    Task<?> t =
        w.task(taskName)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "workflow " + w.id() + " has no task '" + taskName + "'"));
    if (!(t instanceof TodoTask<?, ?, ?> todo)) {
      throw new IllegalArgumentException("task '" + taskName + "' of " + w.id() + " is not a ToDo");
    }
    return todo;
  }

  private static String typeOf(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }
}
