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
   * Open ToDos of {@code todo} in {@code workflow} (the version given, as registered) that {@code
   * principal} may see and that match {@code filter}, their read models typed.
   *
   * @throws IllegalArgumentException when {@code workflow} is not registered or {@code todo} is not
   *     one of its ToDo tasks
   */
  public <M> List<OpenTodo<M>> open(
      Workflow<?> workflow, TodoTask<?, M, ?> todo, Principal principal, Predicate<M> filter) {
    Workflow<?> w = registry.workflow(workflow.id());
    return openOf(w, todoTask(w, todo.name()), todo.readModelType(), principal, filter);
  }

  /** Every open ToDo of {@code todo} in {@code workflow} that {@code principal} may see. */
  public <M> List<OpenTodo<M>> open(
      Workflow<?> workflow, TodoTask<?, M, ?> todo, Principal principal) {
    return open(workflow, todo, principal, m -> true);
  }

  /**
   * Open ToDos of a workflow's task that {@code principal} may see, for callers that know the task
   * by name only (an HTTP route, a queue binding). {@code workflow} is a workflow id ({@code
   * name@version}), or a name when one version of it is registered.
   *
   * @throws IllegalArgumentException when the workflow or the task is unknown, or the name is
   *     ambiguous (several versions registered)
   */
  public List<OpenTodo<?>> open(Principal principal, String workflow, String taskName) {
    Workflow<?> w = registry.workflow(workflowId(workflow));
    TodoTask<?, ?, ?> todo = todoTask(w, taskName);
    return List.copyOf(openOf(w, todo, todo.readModelType(), principal, m -> true));
  }

  /**
   * As {@link #open(Principal, String, String)}, the read models typed as {@code readModelType}.
   *
   * @throws IllegalArgumentException as there, and when the task's read model is not a {@code
   *     readModelType}, naming both types
   */
  public <M> List<OpenTodo<M>> open(
      Principal principal, String workflow, String taskName, Class<M> readModelType) {
    Workflow<?> w = registry.workflow(workflowId(workflow));
    TodoTask<?, ?, ?> todo = todoTask(w, taskName);
    if (!readModelType.isAssignableFrom(todo.readModelType())) {
      throw new IllegalArgumentException(
          "ToDo '%s' of %s has read model %s, not %s"
              .formatted(
                  taskName, w.id(), todo.readModelType().getName(), readModelType.getName()));
    }
    return openOf(w, todo, readModelType, principal, m -> true);
  }

  private <M> List<OpenTodo<M>> openOf(
      Workflow<?> w,
      TodoTask<?, ?, ?> todo,
      Class<M> readModelType,
      Principal principal,
      Predicate<M> filter) {
    List<OpenTodo<M>> visible = new ArrayList<>();
    Instant now = clock.instant();
    for (TaskEntry e : store.openTodos(w.id(), todo.name())) {
      if (Decisions.expired(todo.expiration(), e, codec.decode(e.input()), now)) {
        continue; // Expired for everyone at once, even before a worker records the expiry.
      }
      M readModel = readModelType.cast(codec.decode(e.readModel()));
      if (allows(todo, principal, readModel) && filter.test(readModel)) {
        visible.add(
            new OpenTodo<>(
                e.taskId(),
                e.instanceId(),
                w.id(),
                todo.name(),
                readModel,
                e.enteredAt(),
                e.deadlineAt()));
      }
    }
    return visible;
  }

  /**
   * The read model of the open ToDo {@code taskId} of {@code todo}, if {@code principal} may see
   * it.
   */
  public <M> Optional<M> readModel(TodoTask<?, M, ?> todo, Principal principal, String taskId) {
    return readModel(principal, taskId)
        .filter(m -> store.task(taskId).map(e -> e.taskName().equals(todo.name())).orElse(false))
        .map(todo.readModelType()::cast);
  }

  /** The read model of an open ToDo, if {@code principal} may see it. */
  public Optional<Object> readModel(Principal principal, String taskId) {
    Optional<TaskEntry> entry = store.task(taskId).filter(TaskEntry::todo);
    if (entry.isEmpty() || store.decision(taskId).isPresent()) {
      return Optional.empty();
    }
    TodoTask<?, ?, ?> todo =
        todoTask(registry.workflow(entry.get().workflow()), entry.get().taskName());
    if (Decisions.expired(
        todo.expiration(), entry.get(), codec.decode(entry.get().input()), clock.instant())) {
      return Optional.empty();
    }
    Object readModel = codec.decode(entry.get().readModel());
    return allows(todo, principal, readModel) ? Optional.of(readModel) : Optional.empty();
  }

  /**
   * Completes the ToDo {@code taskId} of {@code todo} with a command of its type; see {@link
   * #complete(String, Principal, Object)}.
   *
   * @return the recorded transition event
   * @throws TodoRejectedException naming why nothing was recorded ({@link Reason#NOT_FOUND} also
   *     when {@code taskId} is a ToDo of another task)
   */
  public <C> Object complete(
      TodoTask<?, ?, C> todo, String taskId, Principal principal, C command) {
    boolean ofThisTask =
        store
            .task(taskId)
            .filter(TaskEntry::todo)
            .map(e -> e.taskName().equals(todo.name()))
            .orElse(false);
    if (!ofThisTask) {
      throw new TodoRejectedException(
          Reason.NOT_FOUND, taskId, "no ToDo '" + todo.name() + "' with id " + taskId);
    }
    return complete(taskId, principal, command);
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
    TodoTask<?, ?, ?> todo = todoTask(workflow, entry.taskName());
    Object readModel = codec.decode(entry.readModel());
    // The access rule comes first: a caller it refuses learns nothing about the ToDo's state.
    if (!allows(todo, principal, readModel)) {
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
    List<String> violations = violations(todo, command);
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
    Object decided = decide(todo, readModel, command, principal);
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
  private Object answerAgain(
      TodoTask<?, ?, ?> todo,
      Object readModel,
      Principal principal,
      Object command,
      DecisionRecord d) {
    if (Cause.EXPIRY.name().equals(d.cause())) {
      throw expired(d.taskId());
    }
    if (Cause.DECISION.name().equals(d.cause()) && principal.name().equals(d.decidedBy())) {
      Object again = decide(todo, readModel, command, principal);
      if (codec.encode(again).equals(d.event())) {
        return again;
      }
    }
    throw alreadyDecided(d.taskId());
  }

  private static TodoRejectedException expired(String taskId) {
    return new TodoRejectedException(Reason.EXPIRED, taskId, "ToDo " + taskId + " has expired");
  }

  /**
   * Completes the ToDo that {@code command} locates, for queue and webhook endpoints. {@code
   * workflow} is a workflow id ({@code name@version}), or a name when one version is registered.
   */
  public Object submit(String workflow, String taskName, Principal principal, Object command) {
    TodoTask<?, ?, ?> todo = todoTask(registry.workflow(workflowId(workflow)), taskName);
    if (todo.locator() == null) {
      throw new IllegalArgumentException(
          "ToDo '"
              + taskName
              + "' has no command locator: declare locatedBy(...) or use complete(taskId, ...)");
    }
    return complete(locate(todo, command), principal, command);
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
    List<String> versions =
        registry.all().stream().filter(w -> w.name().equals(workflow)).map(Workflow::id).toList();
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no workflow named '" + workflow + "'");
    }
    if (versions.size() > 1) {
      // Never "the last one registered": which version a caller means is the caller's to say.
      throw new IllegalArgumentException(
          "workflow '"
              + workflow
              + "' has several versions registered "
              + versions
              + ": name one of them");
    }
    return versions.get(0);
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

  // The typed pieces of a ToDo task meet the stored read model and the received command here, each
  // checked against the type the task declares, so that no cast is unchecked.

  private static <M> boolean allows(TodoTask<?, M, ?> todo, Principal principal, Object readModel) {
    return todo.accessRule().allows(principal, todo.readModelType().cast(readModel));
  }

  private static <C> List<String> violations(TodoTask<?, ?, C> todo, Object command) {
    return todo.contract().violations(todo.contract().commandType().cast(command));
  }

  private static <M, C> Object decide(
      TodoTask<?, M, C> todo, Object readModel, Object command, Principal principal) {
    return todo.decider()
        .decide(
            todo.readModelType().cast(readModel),
            todo.contract().commandType().cast(command),
            principal);
  }

  private static <C> String locate(TodoTask<?, ?, C> todo, Object command) {
    return todo.locator().taskId(todo.contract().commandType().cast(command));
  }
}
