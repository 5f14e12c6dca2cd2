package dev.railway.console;

import dev.railway.engine.Engine;
import dev.railway.engine.OpenTodo;
import dev.railway.http.CommandResult;
import dev.railway.http.FieldError;
import dev.railway.http.TodoCommands;
import dev.railway.http.TodoEndpoint;
import dev.railway.http.TodoQueries;
import dev.railway.store.TaskEntry;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The human inbox: the open ToDos a person's roles allow (the access rules of the HTTP endpoints),
 * one ToDo's read model with a form generated from its command's data contract, and the answer —
 * through {@link TodoCommands}, the same command path as HTTP and queues. A ToDo that does not
 * exist and one the person may not see get the same answer, so nothing leaks.
 */
final class InboxPages {
  static final int PAGE = 50;

  private final Engine engine;
  private final List<TodoEndpoint> endpoints;
  private final TodoCommands commands;
  private final TodoQueries queries;

  InboxPages(Engine engine) {
    this.engine = engine;
    List<TodoEndpoint> all = new ArrayList<>(TodoEndpoint.httpRoutes(engine));
    all.addAll(TodoEndpoint.queues(engine));
    this.endpoints = List.copyOf(all);
    this.commands = TodoCommands.of(engine, endpoints);
    this.queries = TodoQueries.of(engine, commands);
  }

  void list(Context ctx, Caller caller) {
    Set<String> addresses = new LinkedHashSet<>();
    endpoints.forEach(e -> addresses.add(e.address()));
    StringBuilder body = new StringBuilder();
    int shown = 0;
    for (String address : addresses) {
      String cursor = address.equals(ctx.queryParam("at")) ? ctx.queryParam("cursor") : null;
      TodoQueries.Page page;
      try {
        page = queries.open(address, caller.principal(), cursor, PAGE);
      } catch (IllegalArgumentException e) {
        throw new ConsoleRoutes.BadRequest(e.getMessage());
      }
      if (page.items().isEmpty()) {
        continue;
      }
      shown += page.items().size();
      TodoEndpoint first = commands.at(address).getFirst();
      body.append("<section><h2>")
          .append(Html.esc(first.todo().name()))
          .append(" <span class=\"type\">(")
          .append(Html.esc(first.workflow().name()))
          .append(")</span></h2><ul class=\"todos\">");
      for (OpenTodo<?> t : page.items()) {
        body.append("<li><a href=\"/console/todos/")
            .append(Html.esc(Html.url(t.taskId())))
            .append("\">")
            .append(Html.esc(t.taskId()))
            .append("</a> waiting since ")
            .append(Html.time(t.openedAt()))
            .append(t.deadline() == null ? "" : "; expires " + Html.time(t.deadline()))
            .append("</li>");
      }
      body.append("</ul>");
      if (page.next() != null) {
        body.append("<p><a rel=\"next\" href=\"/console/inbox?at=")
            .append(Html.esc(Html.url(address)))
            .append("&amp;cursor=")
            .append(Html.esc(Html.url(page.next())))
            .append("\">More of ")
            .append(Html.esc(first.todo().name()))
            .append("</a></p>");
      }
      body.append("</section>");
    }
    if (shown == 0) {
      body.append("<p>Nothing waits for you.</p>");
    }
    WorkflowPages.html(ctx, "Inbox", caller, body.toString());
  }

  void todo(Context ctx, Caller caller) throws Exception {
    String taskId = ctx.pathParam("taskId");
    Optional<TodoEndpoint> endpoint = endpointOf(taskId);
    if (endpoint.isEmpty()) {
      notAllowed(ctx, caller, taskId);
      return;
    }
    show(ctx, caller, endpoint.get(), taskId, Map.of(), List.of(), 200);
  }

  void answer(Context ctx, Caller caller) throws Exception {
    String taskId = ctx.pathParam("taskId");
    Optional<TodoEndpoint> endpoint = endpointOf(taskId);
    if (endpoint.isEmpty()) {
      notAllowed(ctx, caller, taskId);
      return;
    }
    Class<?> commandType = endpoint.get().todo().contract().commandType();
    Map<String, String> values = new LinkedHashMap<>();
    ctx.formParamMap()
        .forEach((k, v) -> {
          if (!k.equals("csrf") && !v.isEmpty()) {
            values.put(k, v.getFirst());
          }
        });
    CommandResult result =
        commands.complete(
            endpoint.get().address(),
            taskId,
            caller.principal(),
            CommandForm.json(commandType, values));
    switch (result) {
      case CommandResult.Decided d ->
          WorkflowPages.html(
              ctx,
              "Decided",
              caller,
              "<p role=\"status\" id=\"decided\">Thank you: ToDo <code>"
                  + Html.esc(taskId)
                  + "</code> is decided with <strong>"
                  + Html.esc(d.event().getClass().getSimpleName())
                  + "</strong>, recorded as decided by "
                  + Html.esc(caller.principal().name())
                  + ".</p><p><a href=\"/console/inbox\">Back to your inbox</a></p>");
      case CommandResult.Refused r -> {
        switch (r.refusal()) {
          case INVALID, MALFORMED -> {
            List<FieldError> errors =
                r.errors().isEmpty() ? List.of(new FieldError("$", r.detail())) : r.errors();
            show(ctx, caller, endpoint.get(), taskId, values, errors, 422);
          }
          case NOT_ALLOWED -> notAllowed(ctx, caller, taskId);
          case CONFLICT -> decidedAlready(ctx, caller, r.detail());
          case EXPIRED -> expired(ctx, caller, taskId);
        }
      }
    }
  }

  private void show(
      Context ctx,
      Caller caller,
      TodoEndpoint endpoint,
      String taskId,
      Map<String, String> values,
      List<FieldError> errors,
      int status)
      throws Exception {
    switch (queries.one(endpoint.address(), taskId, caller.principal())) {
      case TodoQueries.Lookup.Refused r -> {
        switch (r.refusal()) {
          case CONFLICT -> decidedAlready(ctx, caller, r.detail());
          case EXPIRED -> expired(ctx, caller, taskId);
          default -> notAllowed(ctx, caller, taskId);
        }
      }
      case TodoQueries.Lookup.Found f -> {
        OpenTodo<?> t = f.todo();
        String readModel =
            ConsoleRoutes.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(t.readModel());
        StringBuilder body = new StringBuilder();
        body.append("<dl class=\"facts\"><dt>Task</dt><dd>")
            .append(Html.esc(endpoint.todo().name()))
            .append("</dd><dt>Waiting since</dt><dd>")
            .append(Html.time(t.openedAt()))
            .append("</dd><dt>Expires</dt><dd>")
            .append(t.deadline() == null ? "never: a person must decide" : Html.time(t.deadline()))
            .append("</dd></dl><h2>What you are asked about</h2>")
            .append("<pre class=\"payload\" id=\"read-model\" tabindex=\"0\">")
            .append(Html.esc(readModel))
            .append("</pre><h2>Your answer</h2>")
            .append(
                CommandForm.render(
                    endpoint.todo().contract().commandType(), values, errors, caller.csrf()));
        ctx.status(status);
        WorkflowPages.html(ctx, "ToDo " + taskId, caller, body.toString());
      }
    }
  }

  /** The endpoint of ToDo {@code taskId}; the access rule is checked by the queries/commands. */
  private Optional<TodoEndpoint> endpointOf(String taskId) {
    Optional<TaskEntry> entry = engine.store().task(taskId).filter(TaskEntry::todo);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return endpoints.stream()
        .filter(e ->
            e.workflow().id().equals(entry.get().workflow())
                && e.todo().name().equals(entry.get().taskName()))
        .findFirst();
  }

  private static void notAllowed(Context ctx, Caller caller, String taskId) {
    ConsoleRoutes.refuse(
        ctx,
        403,
        "Not yours to answer",
        "there is no ToDo '" + taskId + "' that you may act on",
        caller);
  }

  private static void decidedAlready(Context ctx, Caller caller, String detail) {
    ConsoleRoutes.refuse(
        ctx,
        409,
        "Already decided",
        "Someone answered this ToDo before you, and the first answer stands ("
            + detail
            + "). Nothing was changed by your answer.",
        caller);
  }

  private static void expired(Context ctx, Caller caller, String taskId) {
    ConsoleRoutes.refuse(
        ctx,
        410,
        "Expired",
        "ToDo "
            + taskId
            + " has expired: its deadline passed (or it was no longer needed), so the workflow"
            + " went on without an answer. Nobody can answer it any more.",
        caller);
  }
}
