package dev.railway.http;

import dev.railway.definition.Principal;
import dev.railway.definition.TodoTask;
import dev.railway.engine.Engine;
import dev.railway.engine.TodoRejectedException;
import dev.railway.store.TaskEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command path of a ToDo endpoint, whatever carries the command (an HTTP route, a queue, a
 * console): find the ToDo → access rule(principal, read model) → decode strictly → data contract →
 * decide(read model, command, principal) → record; the first decision wins. The caller has
 * authenticated the principal; the raw body is JSON.
 *
 * <p>A refusal records nothing. A ToDo that does not exist and one whose access rule refuses the
 * caller get the same {@link Refusal#NOT_ALLOWED}, so the answer never tells a refused caller
 * whether a ToDo exists.
 */
public final class TodoCommands {
  private final Engine engine;
  private final List<TodoEndpoint> endpoints;

  private TodoCommands(Engine engine, List<TodoEndpoint> endpoints) {
    this.engine = engine;
    this.endpoints = List.copyOf(endpoints);
  }

  /**
   * The command path for {@code endpoints} (e.g. {@link TodoEndpoint#httpRoutes}) of the engine.
   */
  public static TodoCommands of(Engine engine, List<TodoEndpoint> endpoints) {
    return new TodoCommands(
        Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(endpoints, "endpoints"));
  }

  /** The endpoints served at {@code address}, oldest workflow version first. */
  public List<TodoEndpoint> at(String address) {
    return endpoints.stream().filter(e -> e.address().equals(address)).toList();
  }

  /** Sends {@code body} to the ToDo {@code taskId} served at {@code address}. */
  public CommandResult complete(String address, String taskId, Principal principal, byte[] body) {
    Optional<TodoEndpoint> endpoint = endpointOf(address, taskId, principal);
    if (endpoint.isEmpty()) {
      return notAllowed(taskId);
    }
    return switch (StrictDecoder.decode(body, endpoint.get().todo().contract().commandType())) {
      case StrictDecoder.Decoded.Malformed<?> m ->
          CommandResult.Refused.of(Refusal.MALFORMED, m.detail());
      case StrictDecoder.Decoded.Invalid<?> i -> invalid(i.errors());
      case StrictDecoder.Decoded.Ok<?> ok -> decide(taskId, principal, ok.command());
    };
  }

  /**
   * Sends {@code body} to the ToDo that its command locator finds (webhooks and queue messages
   * carry a reference rather than a task id). The body is decoded before the ToDo is known.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public CommandResult submit(String address, Principal principal, byte[] body) {
    List<TodoEndpoint> here = at(address);
    TodoEndpoint newest = here.isEmpty() ? null : here.get(here.size() - 1);
    if (newest == null || newest.todo().locator() == null) {
      return CommandResult.Refused.of(
          Refusal.NOT_ALLOWED, "no ToDo at '" + address + "' takes commands without a task id");
    }
    TodoTask todo = newest.todo();
    Object command;
    switch (StrictDecoder.decode(body, todo.contract().commandType())) {
      case StrictDecoder.Decoded.Malformed<?> m -> {
        return CommandResult.Refused.of(Refusal.MALFORMED, m.detail());
      }
      case StrictDecoder.Decoded.Invalid<?> i -> {
        return invalid(i.errors());
      }
      case StrictDecoder.Decoded.Ok<?> ok -> command = ok.command();
    }
    String taskId;
    try {
      taskId = todo.locator().taskId(command);
    } catch (RuntimeException e) {
      return invalid(
          List.of(
              new FieldError(
                  "$", "the command names no ToDo: " + StrictDecoder.firstLine(e.getMessage()))));
    }
    if (taskId == null || endpointOf(address, taskId, principal).isEmpty()) {
      return notAllowed(taskId);
    }
    return decide(taskId, principal, command);
  }

  /**
   * The endpoint of ToDo {@code taskId} at {@code address}, if it exists there and its access rule
   * lets {@code principal} see it (open, decided or expired alike, so later answers can say which).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Optional<TodoEndpoint> endpointOf(String address, String taskId, Principal principal) {
    if (taskId == null) {
      return Optional.empty();
    }
    Optional<TaskEntry> entry = engine.store().task(taskId).filter(TaskEntry::todo);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    for (TodoEndpoint e : at(address)) {
      if (e.workflow().id().equals(entry.get().workflow())
          && e.todo().name().equals(entry.get().taskName())) {
        Object readModel = readModel(e, entry.get());
        return ((TodoTask) e.todo()).accessRule().allows(principal, readModel)
            ? Optional.of(e)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  static Object readModel(TodoEndpoint endpoint, TaskEntry entry) {
    try {
      return Json.STORED.readValue(entry.readModel().json(), endpoint.todo().readModelType());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot read the stored read model of " + entry.taskId() + ": " + e.getMessage(), e);
    }
  }

  private CommandResult decide(String taskId, Principal principal, Object command) {
    try {
      return new CommandResult.Decided(taskId, engine.todos().complete(taskId, principal, command));
    } catch (TodoRejectedException e) {
      return switch (e.reason()) {
        case NOT_FOUND, ACCESS_DENIED -> notAllowed(taskId);
        case ALREADY_DECIDED -> CommandResult.Refused.of(Refusal.CONFLICT, e.getMessage());
        case EXPIRED -> CommandResult.Refused.of(Refusal.EXPIRED, e.getMessage());
        case CONTRACT_VIOLATED -> invalid(contractErrors(command.getClass(), e.violations()));
      };
    }
  }

  /**
   * Contract violations name their field first ({@code "note: must not be blank"} or {@code
   * "reference is required"}); one that names no field of the command concerns the whole body.
   */
  private static List<FieldError> contractErrors(Class<?> commandType, List<String> violations) {
    java.util.Set<String> fields = new java.util.HashSet<>();
    if (commandType.isRecord()) {
      for (var c : commandType.getRecordComponents()) {
        fields.add(c.getName());
      }
    }
    List<FieldError> errors = new ArrayList<>();
    for (String v : violations) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^([\\w.\\[\\]]+)(: | )(.*)$").matcher(v);
      if (m.matches() && (m.group(2).equals(": ") || fields.contains(m.group(1)))) {
        errors.add(new FieldError(m.group(1), m.group(3)));
      } else {
        errors.add(new FieldError("$", v));
      }
    }
    return errors;
  }

  static CommandResult.Refused notAllowed(String taskId) {
    return CommandResult.Refused.of(
        Refusal.NOT_ALLOWED, "there is no ToDo '" + taskId + "' that you may act on");
  }

  private static CommandResult.Refused invalid(List<FieldError> errors) {
    return new CommandResult.Refused(
        Refusal.INVALID,
        "the command breaks its contract: "
            + String.join("; ", errors.stream().map(e -> e.field() + ": " + e.problem()).toList()),
        errors);
  }
}
