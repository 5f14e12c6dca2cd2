package dev.railway.console;

import dev.railway.definition.Route;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstancePage;
import dev.railway.store.InstanceQuery;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.NextStep;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Instance search (by workflow, status, outcome, task, trigger event id, task id; keyset-paged by
 * the store, newest first) and one instance: its path through the diagram, its event stream as a
 * timeline with each task's locks, and its trigger and outcome payloads.
 */
final class InstancePages {
  static final int PAGE = 50;

  /** A task due this long ago and still open is overdue: a worker should have acted. */
  static final Duration OVERDUE_AFTER = Duration.ofMinutes(1);

  private final Engine engine;

  InstancePages(Engine engine) {
    this.engine = engine;
  }

  void search(Context ctx, Caller caller) {
    Workflow<?> w = workflowOrFirst(ctx.queryParam("workflow"));
    InstanceQuery.Status status = status(ctx.queryParam("status"));
    String outcome = blankToNull(ctx.queryParam("outcome"));
    String task = blankToNull(ctx.queryParam("task"));
    String trigger = blankToNull(ctx.queryParam("trigger"));
    String taskId = blankToNull(ctx.queryParam("taskId"));
    Long before = cursor(ctx.queryParam("before"));
    Set<String> outcomes = outcomeTypes(w);
    if (outcome != null) {
      if (!outcomes.contains(outcome)) {
        throw new ConsoleRoutes.BadRequest(
            "outcome must be one of " + outcomes + " of " + w.id() + "; was '" + outcome + "'");
      }
      status = InstanceQuery.Status.FINISHED;
    }
    if (task != null && w.tasks().stream().noneMatch(t -> t.name().equals(task))) {
      throw new ConsoleRoutes.BadRequest("no task '" + task + "' in " + w.id());
    }
    InstanceQuery q =
        new InstanceQuery(
            w.id(),
            status,
            outcome,
            task,
            trigger,
            taskId,
            engine.store().now().minus(OVERDUE_AFTER),
            before,
            PAGE);
    InstancePage page = engine.store().findInstances(q);
    StringBuilder body = new StringBuilder();
    body.append("<form method=\"get\" action=\"/console/instances\" class=\"filters\">");
    select(
        body,
        "workflow",
        "Workflow",
        engine.workflows().stream().map(Workflow::id).toList(),
        engine.workflows().stream().map(Workflow::id).toList(),
        w.id());
    List<String> statuses =
        java.util.Arrays.stream(InstanceQuery.Status.values()).map(Enum::name).toList();
    select(
        body,
        "status",
        "Status",
        prepend("", statuses),
        prepend("any", statuses.stream().map(InstancePages::words).toList()),
        status == null ? "" : status.name());
    select(
        body,
        "outcome",
        "Finished with outcome",
        prepend("", List.copyOf(outcomes)),
        prepend("any", outcomes.stream().map(Html::simple).toList()),
        outcome == null ? "" : outcome);
    List<String> tasks = w.tasks().stream().map(Task::name).toList();
    select(body, "task", "Waiting in task", prepend("", tasks), prepend("any", tasks), task);
    text(body, "trigger", "Trigger event id (e.g. order id)", trigger);
    text(body, "taskId", "Task id", taskId);
    body.append("<button type=\"submit\" id=\"search\">Search</button></form>");
    body.append("<table id=\"instances\"><caption>")
        .append(page.items().size())
        .append(page.next() == null ? "" : "+")
        .append(" instance(s), newest first</caption><thead><tr>")
        .append("<th scope=\"col\">Instance</th><th scope=\"col\">Status</th>")
        .append("<th scope=\"col\">Trigger</th><th scope=\"col\">Outcome</th></tr></thead><tbody>");
    for (InstanceRecord r : page.items()) {
      body.append("<tr><td><a href=\"/console/instances/")
          .append(Html.esc(Html.url(r.instanceId())))
          .append("\">")
          .append(Html.esc(r.instanceId()))
          .append("</a></td><td>")
          .append(Html.esc(r.status()))
          .append("</td><td>")
          .append(Html.esc(Html.simple(r.trigger().type())))
          .append("</td><td>")
          .append(r.outcome() == null ? "—" : Html.esc(Html.simple(r.outcome().type())))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    if (page.next() != null) {
      String query = ctx.queryString() == null ? "" : ctx.queryString();
      query = query.replaceAll("(^|&)before=[^&]*", "");
      body.append("<p><a rel=\"next\" href=\"/console/instances?")
          .append(Html.esc(query.isEmpty() ? "" : query + "&"))
          .append("before=")
          .append(page.next())
          .append("\">Older instances</a></p>");
    }
    WorkflowPages.html(ctx, "Instances", caller, body.toString());
  }

  void one(Context ctx, Caller caller) throws Exception {
    String id = ctx.pathParam("id");
    Optional<InstanceRecord> found = engine.store().instance(id);
    if (found.isEmpty()) {
      ConsoleRoutes.refuse(
          ctx, 404, "No such instance", "there is no instance '" + id + "'", caller);
      return;
    }
    InstanceRecord r = found.get();
    List<StreamEvent> stream = engine.store().stream(id);
    List<DecisionRecord> decisions = engine.store().decisions(id);
    StringBuilder body = new StringBuilder();
    body.append("<dl class=\"facts\"><dt>Workflow</dt><dd>")
        .append(Html.esc(r.workflow()))
        .append("</dd><dt>Status</dt><dd id=\"status\">")
        .append(Html.esc(r.status()))
        .append("</dd><dt>Trigger event id</dt><dd>")
        .append(Html.esc(stream.isEmpty() ? "" : stream.get(0).detail()))
        .append("</dd><dt>Outcome</dt><dd>")
        .append(r.outcome() == null ? "not yet" : Html.esc(Html.simple(r.outcome().type())))
        .append("</dd></dl>");

    body.append("<h2>Path</h2><ol id=\"path\" class=\"path\">");
    Set<String> taskIds = new LinkedHashSet<>();
    for (DecisionRecord d : decisions) {
      taskIds.add(d.taskId());
      body.append("<li><span class=\"task\">")
          .append(Html.esc(d.taskName()))
          .append("</span> → <span class=\"cause cause-")
          .append(Html.esc(d.cause().toLowerCase(Locale.ROOT)))
          .append("\">")
          .append(Html.esc(Html.simple(d.event().type())))
          .append(" (")
          .append(Html.esc(words(d.cause())))
          .append(")</span> by ")
          .append(Html.esc(d.decidedBy()))
          .append(" at ")
          .append(Html.time(d.decidedAt()));
      if (d.next() instanceof NextStep.Finish f) {
        body.append(" → outcome ").append(Html.esc(Html.simple(f.outcome().type())));
      }
      body.append("</li>");
    }
    Optional<TaskEntry> current = currentTask(stream, decisions);
    current.ifPresent(t -> {
      taskIds.add(t.taskId());
      body.append("<li class=\"current\"><span class=\"task\">")
          .append(Html.esc(t.taskName()))
          .append("</span> — now here");
      if (t.todo()) {
        body.append(", waiting for a person (<a href=\"/console/todos/")
            .append(Html.esc(Html.url(t.taskId())))
            .append("\">open the ToDo</a>)");
      }
      body.append("; ")
          .append(t.attempts())
          .append(" attempt(s) so far; next due ")
          .append(Html.time(t.dueAt()));
      if (t.deadlineAt() != null) {
        body.append("; expires ").append(Html.time(t.deadlineAt()));
      }
      body.append("</li>");
    });
    body.append("</ol>");

    body.append("<h2>Timeline</h2><ol id=\"timeline\" class=\"timeline\">");
    for (StreamEvent e : stream) {
      taskIds.add(e.taskId() == null ? "" : e.taskId());
      body.append("<li><time>")
          .append(Html.time(e.at()))
          .append("</time> <strong>")
          .append(Html.esc(e.kind()))
          .append("</strong>");
      if (e.taskId() != null) {
        body.append(" <code>").append(Html.esc(e.taskId())).append("</code>");
      }
      if (e.detail() != null) {
        body.append(" — ").append(Html.esc(e.detail()));
      }
      body.append("</li>");
    }
    body.append("</ol>");

    StringBuilder locks = new StringBuilder();
    for (String taskId : taskIds) {
      if (taskId.isEmpty()) {
        continue;
      }
      for (Lock l : engine.store().locks(taskId)) {
        locks
            .append("<tr><td><code>")
            .append(Html.esc(taskId))
            .append("</code></td><td>")
            .append(l.sequence())
            .append("</td><td>")
            .append(Html.esc(l.owner()))
            .append("</td><td>")
            .append(Html.time(l.createdAt()))
            .append("</td><td>")
            .append(Html.time(l.expiresAt()))
            .append("</td><td>")
            .append(l.faulted() ? "faulted " : "")
            .append(l.finished() ? "finished " : "")
            .append(l.resolved() ? "resolved by a compromise" : "")
            .append("</td></tr>");
      }
    }
    if (!locks.isEmpty()) {
      body.append("<table><caption>Locks</caption><thead><tr><th scope=\"col\">Task</th>")
          .append("<th scope=\"col\">Sequence</th><th scope=\"col\">Owner</th>")
          .append("<th scope=\"col\">Created</th><th scope=\"col\">Expires</th>")
          .append("<th scope=\"col\">State</th></tr></thead><tbody>")
          .append(locks)
          .append("</tbody></table>");
    }
    body.append("<h2>Payloads</h2>");
    payload(body, "Trigger", r.trigger());
    if (r.outcome() != null) {
      payload(body, "Outcome", r.outcome());
    }
    WorkflowPages.html(ctx, "Instance " + id, caller, body.toString());
  }

  /** The task the instance is in: the last one entered and not decided. */
  private Optional<TaskEntry> currentTask(List<StreamEvent> stream, List<DecisionRecord> ds) {
    Set<String> decided = new java.util.HashSet<>();
    ds.forEach(d -> decided.add(d.taskId()));
    for (int i = stream.size() - 1; i >= 0; i--) {
      StreamEvent e = stream.get(i);
      if ("TaskEntered".equals(e.kind()) && e.taskId() != null && !decided.contains(e.taskId())) {
        return engine.store().task(e.taskId());
      }
    }
    return Optional.empty();
  }

  private static void payload(StringBuilder body, String title, SerializedEvent e)
      throws Exception {
    String pretty =
        ConsoleRoutes.JSON
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(ConsoleRoutes.JSON.readTree(e.json()));
    body.append("<h3>")
        .append(title)
        .append(": ")
        .append(Html.esc(Html.simple(e.type())))
        .append("</h3><pre class=\"payload\" tabindex=\"0\">")
        .append(Html.esc(pretty))
        .append("</pre>");
  }

  private Workflow<?> workflowOrFirst(String id) {
    if (id == null || id.isBlank()) {
      if (engine.workflows().isEmpty()) {
        throw new ConsoleRoutes.BadRequest("no workflow is registered");
      }
      return engine.workflows().getFirst();
    }
    return engine.workflows().stream()
        .filter(w -> w.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new ConsoleRoutes.BadRequest("no workflow '" + id + "'"));
  }

  static Set<String> outcomeTypes(Workflow<?> w) {
    Set<String> types = new java.util.TreeSet<>();
    for (Task<?> t : w.tasks()) {
      for (Route r : t.routes()) {
        if (r.target() instanceof Target.Outcome) {
          types.add(r.eventType().getName());
        }
      }
    }
    return types;
  }

  private static InstanceQuery.Status status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return InstanceQuery.Status.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new ConsoleRoutes.BadRequest(
          "status must be one of "
              + java.util.Arrays.toString(InstanceQuery.Status.values())
              + "; was '"
              + value
              + "'");
    }
  }

  private static Long cursor(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long v = Long.parseLong(value);
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConsoleRoutes.BadRequest(
          "before must be a cursor from an 'Older instances' link; was '" + value + "'");
    }
  }

  static String words(String constant) {
    String s = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return s.equals("waiting in todo") ? "waiting in a ToDo" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static void select(
      StringBuilder body,
      String name,
      String label,
      List<String> values,
      List<String> texts,
      String selected) {
    body.append("<div class=\"field\"><label for=\"f-")
        .append(name)
        .append("\">")
        .append(Html.esc(label))
        .append("</label><select id=\"f-")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\">");
    for (int i = 0; i < values.size(); i++) {
      body.append("<option value=\"")
          .append(Html.esc(values.get(i)))
          .append("\"")
          .append(values.get(i).equals(selected == null ? "" : selected) ? " selected" : "")
          .append(">")
          .append(Html.esc(texts.get(i)))
          .append("</option>");
    }
    body.append("</select></div>");
  }

  private static void text(StringBuilder body, String name, String label, String value) {
    body.append("<div class=\"field\"><label for=\"f-")
        .append(name)
        .append("\">")
        .append(Html.esc(label))
        .append("</label><input id=\"f-")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(Html.esc(value))
        .append("\"></div>");
  }
}
