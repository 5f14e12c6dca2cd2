package dev.railway.console;

import dev.railway.engine.Engine;
import dev.railway.store.DecisionRecord;
import dev.railway.store.NextStep;
import dev.railway.store.OutboxEntry;
import dev.railway.store.TaskEntry;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What needs a person, each with a link to act: possible failures (and faults) waiting in a ToDo,
 * outcomes whose delivery is parked (with a button that makes one due again), tasks overdue, and
 * ToDos about to expire.
 */
final class AttentionPage {
  static final int LIMIT = 100;
  static final Duration EXPIRING_WITHIN = Duration.ofHours(24);

  private final Engine engine;

  AttentionPage(Engine engine) {
    this.engine = engine;
  }

  void page(Context ctx, Caller caller) {
    Instant now = engine.store().now();
    List<DecisionRecord> doubts = engine.store().doubtsAwaitingPeople(LIMIT);
    List<OutboxEntry> parked = engine.store().parkedOutcomes(LIMIT);
    List<TaskEntry> overdue =
        engine.store().overdueTasks(now.minus(InstancePages.OVERDUE_AFTER), LIMIT);
    List<TaskEntry> expiring = engine.store().expiringTodos(now.plus(EXPIRING_WITHIN), LIMIT);
    StringBuilder body = new StringBuilder();
    body.append("<section aria-labelledby=\"doubts\"><h2 id=\"doubts\">Possible failures")
        .append(" waiting for a person (")
        .append(doubts.size())
        .append(")</h2>");
    if (doubts.isEmpty()) {
      body.append("<p>None.</p>");
    } else {
      body.append("<ul id=\"doubt-list\">");
      for (DecisionRecord d : doubts) {
        String todo = d.next() instanceof NextStep.Enter e ? e.task().taskId() : null;
        body.append("<li><strong>")
            .append("POSSIBLE_FAILURE".equals(d.cause()) ? "Possible failure" : "Fault")
            .append("</strong> in <code>")
            .append(Html.esc(d.taskName()))
            .append("</code>: ")
            .append(Html.esc(Html.simple(d.event().type())))
            .append(" at ")
            .append(Html.time(d.decidedAt()))
            .append(" — <a href=\"/console/todos/")
            .append(Html.esc(Html.url(todo == null ? "" : todo)))
            .append("\">decide ")
            .append(Html.esc(todo))
            .append("</a> · <a href=\"/console/instances/")
            .append(Html.esc(Html.url(d.instanceId())))
            .append("\">instance</a></li>");
      }
      body.append("</ul>");
    }
    body.append("</section><section aria-labelledby=\"parked\"><h2 id=\"parked\">")
        .append("Outcomes whose delivery is parked (")
        .append(parked.size())
        .append(")</h2>");
    if (parked.isEmpty()) {
      body.append("<p>None.</p>");
    } else {
      body.append("<ul>");
      for (OutboxEntry o : parked) {
        body.append("<li>")
            .append(Html.esc(Html.simple(o.outcome().type())))
            .append(" of <a href=\"/console/instances/")
            .append(Html.esc(Html.url(o.instanceId())))
            .append("\">")
            .append(Html.esc(o.instanceId()))
            .append("</a> after ")
            .append(o.failures())
            .append(" failed deliveries: ")
            .append(Html.esc(o.lastError()))
            .append(" <form class=\"inline\" method=\"post\" action=\"/console/outbox/")
            .append(o.id())
            .append("/unpark\">")
            .append(Html.hidden("csrf", caller.csrf() == null ? "" : caller.csrf()))
            .append("<button type=\"submit\">Deliver again</button></form></li>");
      }
      body.append("</ul>");
    }
    body.append("</section>");
    tasks(body, "overdue", "Tasks overdue (due over a minute ago)", overdue, false);
    tasks(body, "expiring", "ToDos expiring within 24 hours", expiring, true);
    WorkflowPages.html(ctx, "Attention", caller, body.toString());
  }

  void unpark(Context ctx, Caller caller) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ConsoleRoutes.BadRequest(
          "an outbox entry id is a number; was '" + ctx.pathParam("id") + "'");
    }
    if (!engine.store().unparkOutbox(id)) {
      ConsoleRoutes.refuse(
          ctx,
          409,
          "Not parked",
          "outbox entry " + id + " is not parked (delivered, unknown, or made due already)",
          caller);
      return;
    }
    ctx.redirect("/console/attention", HttpStatus.SEE_OTHER);
  }

  private static void tasks(
      StringBuilder body, String id, String title, List<TaskEntry> tasks, boolean todos) {
    body.append("<section aria-labelledby=\"")
        .append(id)
        .append("\"><h2 id=\"")
        .append(id)
        .append("\">")
        .append(Html.esc(title))
        .append(" (")
        .append(tasks.size())
        .append(")</h2>");
    if (tasks.isEmpty()) {
      body.append("<p>None.</p></section>");
      return;
    }
    body.append("<ul>");
    for (TaskEntry t : tasks) {
      body.append("<li><code>")
          .append(Html.esc(t.taskName()))
          .append("</code> ")
          .append(todos ? "expires " + Html.time(t.deadlineAt()) : "due " + Html.time(t.dueAt()))
          .append(" after ")
          .append(t.attempts())
          .append(" attempt(s) — <a href=\"")
          .append(
              t.todo()
                  ? "/console/todos/" + Html.esc(Html.url(t.taskId()))
                  : "/console/instances/" + Html.esc(Html.url(t.instanceId())))
          .append("\">")
          .append(Html.esc(t.taskId()))
          .append("</a></li>");
    }
    body.append("</ul></section>");
  }
}
