package dev.railway.console;

import dev.railway.definition.Category;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.EdgeCount;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows as the paper draws them: every registered workflow, and per workflow its diagram
 * with how many instances wait in each task now and how many decisions went down each edge in a
 * chosen window, refreshed live by the page's script from {@link #diagram}.
 */
final class WorkflowPages {
  /** The windows a person can choose; the first is the default. */
  static final Map<String, Duration> WINDOWS =
      new LinkedHashMap<>(
          Map.of(
              "PT1H", Duration.ofHours(1),
              "PT5M", Duration.ofMinutes(5),
              "PT24H", Duration.ofHours(24),
              "P7D", Duration.ofDays(7)));

  private static final List<String> WINDOW_ORDER = List.of("PT5M", "PT1H", "PT24H", "P7D");

  private final Engine engine;

  WorkflowPages(Engine engine) {
    this.engine = engine;
  }

  void list(Context ctx, Caller caller) {
    StringBuilder body = new StringBuilder("<table><caption>Registered workflows</caption>");
    body.append(
        "<thead><tr><th scope=\"col\">Workflow</th><th scope=\"col\">Tasks</th>"
            + "<th scope=\"col\">Open tasks now</th></tr></thead><tbody>");
    for (Workflow<?> w : engine.workflows()) {
      long open =
          engine.store().openTaskCounts(w.id()).values().stream().mapToLong(Long::longValue).sum();
      body.append("<tr><td><a href=\"/console/workflows/")
          .append(Html.esc(Html.url(w.id())))
          .append("\">")
          .append(Html.esc(w.id()))
          .append("</a></td><td>")
          .append(w.tasks().size())
          .append("</td><td>")
          .append(open)
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    html(ctx, "Workflows", caller, body.toString());
  }

  void page(Context ctx, Caller caller) {
    Workflow<?> w = workflow(ctx);
    String window = window(ctx);
    CountedDiagram d = counted(w, WINDOWS.get(window));
    Map<String, Long> waiting = engine.store().openTaskCounts(w.id());
    StringBuilder body = new StringBuilder();
    body.append("<form class=\"inline\" method=\"get\">")
        .append("<label for=\"window\">Edge counts over the last</label>")
        .append("<select id=\"window\" name=\"window\">");
    for (String key : WINDOW_ORDER) {
      body.append("<option value=\"")
          .append(key)
          .append("\"")
          .append(key.equals(window) ? " selected" : "")
          .append(">")
          .append(human(WINDOWS.get(key)))
          .append("</option>");
    }
    body.append("</select><button type=\"submit\">Show</button></form>");
    body.append(
            "<figure class=\"diagram\"><div id=\"diagram\" class=\"mermaid-host\""
                + " data-source=\"/console/api/workflows/")
        .append(Html.esc(Html.url(w.id())))
        .append("/diagram?window=")
        .append(window)
        .append("\" data-instances=\"/console/instances?workflow=")
        .append(Html.esc(Html.url(w.id())))
        .append("&amp;task=\" aria-hidden=\"true\"><pre class=\"mermaid-text\">")
        .append(Html.esc(d.mermaid()))
        .append("</pre></div><figcaption>")
        .append(
            "State tasks olive (darker the harder to get right), ToDo tasks teal, outcomes"
                + " orange; ⚠ fault, ⏰ expired and ❓ possible-failure edges are not business"
                + " transitions. Each box says how many instances wait in it now; each edge how"
                + " many went down it in the window. Select a task to list its instances.")
        .append("<span id=\"diagram-status\" role=\"status\"></span></figcaption></figure>");
    body.append("<table id=\"tasks\"><caption>Tasks of ")
        .append(Html.esc(w.id()))
        .append("</caption><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Kind</th>")
        .append("<th scope=\"col\">Compromise</th><th scope=\"col\">Waiting now</th></tr></thead>")
        .append("<tbody>");
    for (Task<?> t : w.tasks()) {
      body.append("<tr><td><a href=\"/console/instances?workflow=")
          .append(Html.esc(Html.url(w.id())))
          .append("&amp;task=")
          .append(Html.esc(Html.url(t.name())))
          .append("\">")
          .append(Html.esc(t.name()))
          .append("</a></td><td>")
          .append(Html.esc(kind(t)))
          .append("</td><td>")
          .append(Html.esc(compromise(t)))
          .append("</td><td class=\"count\" data-task=\"")
          .append(Html.esc(t.name()))
          .append("\">")
          .append(waiting.getOrDefault(t.name(), 0L))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    body.append("<script src=\"/console/assets/mermaid.min.js\"></script>")
        .append("<script src=\"/console/assets/console.js\"></script>");
    html(ctx, "Workflow " + w.id(), caller, body.toString());
  }

  /** JSON for the page's live refresh: the annotated Mermaid text and the counts behind it. */
  void diagram(Context ctx, Caller caller) throws Exception {
    Workflow<?> w = workflow(ctx);
    String window = window(ctx);
    Instant since = engine.store().now().minus(WINDOWS.get(window));
    Map<String, Long> waiting = engine.store().openTaskCounts(w.id());
    List<EdgeCount> edges = engine.store().edgeCounts(w.id(), since);
    CountedDiagram d = CountedDiagram.of(w, waiting, edges);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("workflow", w.id());
    answer.put("window", window);
    answer.put("since", since.toString());
    answer.put("mermaid", d.mermaid());
    answer.put("taskIds", d.taskIds());
    answer.put("waiting", waiting);
    answer.put(
        "edges",
        edges.stream()
            .map(e ->
                Map.of(
                    "task", e.taskName(),
                    "event", Html.simple(e.eventType()),
                    "cause", e.cause(),
                    "count", e.count()))
            .toList());
    ctx.contentType("application/json").result(ConsoleRoutes.JSON.writeValueAsString(answer));
  }

  private CountedDiagram counted(Workflow<?> w, Duration window) {
    Instant since = engine.store().now().minus(window);
    return CountedDiagram.of(
        w, engine.store().openTaskCounts(w.id()), engine.store().edgeCounts(w.id(), since));
  }

  private Workflow<?> workflow(Context ctx) {
    String id = ctx.pathParam("name");
    Optional<Workflow<?>> w =
        engine.workflows().stream().filter(x -> x.id().equals(id)).findFirst();
    return w.orElseThrow(() -> new ConsoleRoutes.BadRequest("no workflow '" + id + "'"));
  }

  private static String window(Context ctx) {
    String window = Optional.ofNullable(ctx.queryParam("window")).orElse("PT1H");
    if (!WINDOWS.containsKey(window)) {
      throw new ConsoleRoutes.BadRequest(
          "window must be one of " + WINDOW_ORDER + "; was '" + window + "'");
    }
    return window;
  }

  static String kind(Task<?> t) {
    String category = Category.of(t).label();
    return t instanceof StateTask<?, ?> s ? category + " · " + s.kind().displayName() : category;
  }

  static String compromise(Task<?> t) {
    if (t instanceof StateTask<?, ?> s
        && s.integration() instanceof dev.railway.definition.Integration.BlackBoxed<?, ?> b
        && b.compromise() != null) {
      return b.compromise().describe();
    }
    return "—";
  }

  static String human(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + " minutes";
  }

  static void html(Context ctx, String title, Caller caller, String body) {
    ctx.html(Html.page(title, caller.principal(), caller.operator(), caller.csrf(), body));
  }
}
