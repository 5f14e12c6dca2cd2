package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Principal;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.engine.TodoRejectedException.Reason;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.time.Instant;
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
  private final Decisions decisions;
  private final Clock clock;

  private final Traces traces;

  TodoInbox(
      Store store,
      WorkflowRegistry registry,
      EventCodec codec,
      Decisions decisions,
      Clock clock,
      Traces traces) {
    this.traces = traces;
    this.store = store;
    this.registry = registry;
    this.codec = codec;
    this.decisions = decisions;
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
    Instant now = clock.instant();
    for (TaskEntry e : store.openTodos(w.id(), taskName)) {
      if (Decisions.expired(todo.expiration(), e, codec.decode(e.input()), now)) {
        continue; // Expired for everyone at once, even before a worker records the expiry.
      }
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
    if (Decisions.expired(
        todo.expiration(), entry.get(), codec.decode(entry.get().input()), clock.instant())) {
      return Optional.empty();
    }
    M readModel = (M) codec.decode(entry.get().readModel());
    return todo.accessRule().allows(principal, readModel)
        ? Optional.of(readModel)
        : Optional.empty();
  }

  /**
   * Completes the ToDo {@code taskId} with {@code command} on behalf of {@code principal}: the
   * access rule, the data contract, then the decision from the read model, the command and the
   * principal; the first recorded decision wins. Once decided, the principal that decided gets the
   * same answer again for a command that decides the same (a safe retry), everyone else {@link
   * Reason#ALREADY_DECIDED}; an expired ToDo answers {@link Reason#EXPIRED} to every caller,
   * whether or not a worker has recorded the expiry yet.
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
    try (Tracing.Span span = traces.todoCommand(entry)) {
      try {
        return completeTraced(entry, taskId, principal, command);
      } catch (TodoRejectedException e) {
        span.result("refused: " + e.reason());
        throw e;
      } catch (RuntimeException | Error e) {
        span.failed(e);
        throw e;
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object completeTraced(
      TaskEntry entry, String taskId, Principal principal, Object command) {
    Workflow<?> workflow = registry.workflow(entry.workflow());
    TodoTask todo = todoTask(workflow, entry.taskName());
    Object readModel = codec.decode(entry.readModel());
    // The access rule comes first: a caller it refuses learns nothing about the ToDo's state.
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
    Optional<DecisionRecord> earlier = store.decision(taskId);
    if (earlier.isPresent()) {
      return answerAgain(todo, readModel, principal, command, earlier.get());
    }
    Object event = codec.decode(entry.input());
    if (Decisions.expired(todo.expiration(), entry, event, clock.instant())) {
      throw expired(taskId);
    }
    Object decided = todo.decider().decide(readModel, command, principal);
    if (!decisions.record(workflow, todo, entry, decided, Cause.DECISION, principal.name())) {
      return answerAgain(todo, readModel, principal, command, store.decision(taskId).orElseThrow());
    }
    return decided;
  }

  /**
   * A command to a decided ToDo. The decider is pure, so deciding again tells whether this is the
   * deciding principal repeating its command (same decision: the same answer, a safe retry) or a
   * different command (a conflict).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object answerAgain(
      TodoTask todo, Object readModel, Principal principal, Object command, DecisionRecord d) {
    if (Cause.EXPIRY.name().equals(d.cause())) {
      throw expired(d.taskId());
    }
    if (Cause.DECISION.name().equals(d.cause()) && principal.name().equals(d.decidedBy())) {
      Object again = todo.decider().decide(readModel, command, principal);
      if (codec.encode(again).equals(d.event())) {
        return again;
      }
    }
    throw alreadyDecided(d.taskId());
  }

  private static TodoRejectedException expired(String taskId) {
    return new TodoRejectedException(Reason.EXPIRED, taskId, "ToDo " + taskId + " has expired");
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
