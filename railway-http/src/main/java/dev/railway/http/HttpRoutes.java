package dev.railway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.railway.definition.Principal;
import dev.railway.definition.StateTask;
import dev.railway.definition.Workflow;
import dev.railway.diagram.MermaidDiagram;
import dev.railway.engine.Engine;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StreamEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: routes, the order of checks every request goes through (stopping? → body size →
 * content type → authentication → the route), and problem answers. The command and query logic
 * lives in {@link TodoCommands} and {@link TodoQueries}.
 */
final class HttpRoutes {
  /** Connections the kernel may hold for the server before it accepts them. */
  private static final int ACCEPT_QUEUE = 1024;

  private static final Logger log = LoggerFactory.getLogger(HttpRoutes.class);
  private static final String JSON = "application/json";

  private final Engine engine;
  private final List<TodoEndpoint> endpoints;
  private final TodoCommands commands;
  private final TodoQueries queries;
  private final Authenticator authenticator;
  private final Predicate<Principal> operators;
  private final long maxBodyBytes;
  private final List<java.util.function.Consumer<io.javalin.config.JavalinConfig>> more;
  private final byte[] openApi;
  private final Object lock = new Object();
  private int inFlight;
  private boolean stopping;

  HttpRoutes(
      Engine engine,
      List<TodoEndpoint> endpoints,
      TodoCommands commands,
      TodoQueries queries,
      Authenticator authenticator,
      Predicate<Principal> operators,
      long maxBodyBytes,
      List<java.util.function.Consumer<io.javalin.config.JavalinConfig>> more) {
    this.more = List.copyOf(more);
    this.engine = engine;
    this.endpoints = endpoints;
    this.commands = commands;
    this.queries = queries;
    this.authenticator = authenticator;
    this.operators = operators;
    this.maxBodyBytes = maxBodyBytes;
    try {
      this.openApi = Json.WRITER.writeValueAsBytes(OpenApiDocument.of(endpoints, maxBodyBytes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the OpenAPI document", e);
    }
  }

  /** A route's work once the caller is authenticated. */
  @FunctionalInterface
  private interface Action {
    void run(Context ctx, Principal principal, byte[] body) throws Exception;
  }

  RailwayServer start(String host, int port) {
    Set<String> addresses = new LinkedHashSet<>();
    endpoints.forEach(e -> addresses.add(e.address()));
    Javalin app =
        Javalin.create(config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.concurrency.useVirtualThreads = true;
          config.http.prefer405over404 = true;
          config.http.maxRequestSize = maxBodyBytes;
          // A burst of clients (a webhook storm, a page of people answering) must queue in the
          // kernel, not be dropped: the JVM's default listen backlog of 50 loses connections that
          // the client already believes are open, and they end with no answer at all.
          config.jetty.modifyServer(server ->
              server.addEventListener(
                  new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(
                        org.eclipse.jetty.util.component.LifeCycle event) {
                      for (var connector : server.getConnectors()) {
                        if (connector instanceof org.eclipse.jetty.server.ServerConnector c) {
                          c.setAcceptQueueSize(ACCEPT_QUEUE);
                        }
                      }
                    }
                  }));
          config.router.ignoreTrailingSlashes = false;
          for (String address : addresses) {
            String base = "/todos/" + address;
            config.routes.get(base, guarded(false, (ctx, p, b) -> listOpen(ctx, address, p)));
            config.routes.get(
                base + "/{taskId}",
                guarded(false, (ctx, p, b) -> one(ctx, address, ctx.pathParam("taskId"), p)));
            config.routes.post(
                base + "/{taskId}",
                guarded(
                    true,
                    (ctx, p, b) ->
                        answer(ctx, commands.complete(address, ctx.pathParam("taskId"), p, b))));
            boolean located =
                commands.at(address).stream().anyMatch(e -> e.todo().locator() != null);
            if (located) {
              config.routes.post(
                  base, guarded(true, (ctx, p, b) -> answer(ctx, commands.submit(address, p, b))));
            }
          }
          config.routes.get("/workflows", guarded(false, operatorOnly(this::workflows)));
          config.routes.get(
              "/workflows/{name}/diagram", guarded(false, operatorOnly(this::diagram)));
          config.routes.get("/instances/{id}", guarded(false, operatorOnly(this::instance)));
          config.routes.get(
              "/openapi.json",
              guarded(false, (ctx, p, b) -> ctx.status(200).contentType(JSON).result(openApi)));
          config.routes.error(
              404,
              ctx -> {
                closeIfBodyUnread(ctx);
                if (!isProblem(ctx)) {
                  problem(ctx, Problem.of(404, "not-found", "Not found", "no route " + ctx.path()));
                }
              });
          config.routes.error(
              405,
              ctx -> {
                closeIfBodyUnread(ctx);
                if (!isProblem(ctx)) {
                  problem(
                      ctx,
                      Problem.of(
                          405,
                          "method-not-allowed",
                          "Method not allowed",
                          ctx.method() + " is not served at " + ctx.path()));
                }
              });
          config.routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
          more.forEach(m -> m.accept(config));
        });
    app.start(host, port);
    return new Running(app);
  }

  /**
   * An answer given without reading the request's body closes the connection: the unread rest would
   * otherwise be parsed as the next request, or the connection dropped under a client that reuses
   * it.
   */
  private static void closeIfBodyUnread(Context ctx) {
    if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
      ctx.header("Connection", "close");
    }
  }

  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(Problem.MEDIA_TYPE);
  }

  private Action operatorOnly(Action action) {
    return (ctx, p, b) -> {
      if (!operators.test(p)) {
        problem(
            ctx,
            Problem.of(
                403,
                "operators-only",
                "Operators only",
                p.name() + " is not an operator; workflows and instances are for operators"));
        return;
      }
      action.run(ctx, p, b);
    };
  }

  /** The checks every request goes through, in order, then {@code action}. */
  private io.javalin.http.Handler guarded(boolean hasBody, Action action) {
    return ctx -> {
      synchronized (lock) {
        if (stopping) {
          ctx.header("Connection", "close");
          problem(ctx, Problem.of(503, "stopping", "Stopping", "the server is stopping"));
          return;
        }
        inFlight++;
      }
      try {
        byte[] body = new byte[0];
        if (!hasBody) {
          closeIfBodyUnread(ctx);
        } else {
          Optional<byte[]> read = body(ctx);
          if (read.isEmpty()) {
            return;
          }
          body = read.get();
        }
        InboundRequest request =
            new InboundRequest(ctx.method().name(), ctx.path(), headers(ctx), body);
        Principal principal =
            switch (authenticator.authenticate(request)) {
              case Authentication.Authenticated a -> a.principal();
              case Authentication.Refused r -> {
                unauthorized(ctx, r.reason());
                yield null;
              }
              case Authentication.NoCredentials n -> {
                unauthorized(
                    ctx,
                    "no credentials: send Authorization: Bearer <JWT>, an API key, or a signed"
                        + " webhook");
                yield null;
              }
            };
        if (principal != null) {
          action.run(ctx, principal, body);
        }
      } catch (Exception e) {
        internalError(ctx, e);
      } finally {
        synchronized (lock) {
          inFlight--;
          lock.notifyAll();
        }
      }
    };
  }

  /**
   * The body, at most {@link #maxBodyBytes}: a declared length over the limit is refused before
   * reading any of it, an undeclared (chunked) one as soon as it passes the limit.
   */
  private Optional<byte[]> body(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      tooLarge(ctx);
      return Optional.empty();
    }
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      closeIfBodyUnread(ctx);
      problem(
          ctx,
          Problem.of(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "send the command as application/json; got "
                  + (type == null ? "no Content-Type" : "'" + type + "'")));
      return Optional.empty();
    }
    InputStream in = ctx.req().getInputStream();
    byte[] body = in.readNBytes((int) maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      tooLarge(ctx);
      return Optional.empty();
    }
    return Optional.of(body);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")
          && !p.equals("charset=utf-8")
          && !p.equals("charset=\"utf-8\"")) {
        return false;
      }
    }
    return true;
  }

  private void tooLarge(Context ctx) {
    // The rest of the body is never read: the connection is closed after the answer.
    ctx.header("Connection", "close");
    problem(
        ctx,
        Problem.of(
            413,
            "body-too-large",
            "Body too large",
            "the body is larger than the limit of " + maxBodyBytes + " bytes"));
  }

  private static Map<String, List<String>> headers(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name, Collections.list(ctx.req().getHeaders(name)));
    }
    return headers;
  }

  private void unauthorized(Context ctx, String reason) {
    ctx.header("WWW-Authenticate", "Bearer");
    problem(ctx, Problem.of(401, "unauthenticated", "Unauthenticated", reason));
  }

  private void answer(Context ctx, CommandResult result) throws IOException {
    switch (result) {
      case CommandResult.Decided d -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", d.taskId());
        body.put("decision", d.event().getClass().getSimpleName());
        body.put("event", d.event());
        json(ctx, 200, body);
      }
      case CommandResult.Refused r -> problem(ctx, Problem.refused(r));
    }
  }

  private void listOpen(Context ctx, String address, Principal principal) throws IOException {
    String limitParam = ctx.queryParam("limit");
    int limit = 20;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        problem(
            ctx,
            Problem.of(
                400,
                "bad-parameter",
                "Bad parameter",
                "limit must be an integer from 1 to 100; was '" + limitParam + "'"));
        return;
      }
    }
    TodoQueries.Page page;
    try {
      page = queries.open(address, principal, ctx.queryParam("cursor"), limit);
    } catch (IllegalArgumentException e) {
      problem(ctx, Problem.of(400, "bad-parameter", "Bad parameter", e.getMessage()));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next());
    json(ctx, 200, body);
  }

  private void one(Context ctx, String address, String taskId, Principal principal)
      throws IOException {
    switch (queries.one(address, taskId, principal)) {
      case TodoQueries.Lookup.Found f -> json(ctx, 200, f.todo());
      case TodoQueries.Lookup.Refused r ->
          problem(ctx, Problem.refused(CommandResult.Refused.of(r.refusal(), r.detail())));
    }
  }

  private void workflows(Context ctx, Principal p, byte[] b) throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Workflow<?> w : engine.workflows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", w.id());
      m.put("name", w.name());
      m.put("version", w.version());
      m.put("trigger", w.triggerType().getName());
      m.put("start", w.startTask());
      List<Map<String, Object>> tasks = new ArrayList<>();
      for (var t : w.tasks()) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("name", t.name());
        tm.put("shape", t.shape());
        if (t instanceof StateTask<?, ?> s) {
          tm.put("kind", s.kind().displayName());
        }
        if (t instanceof dev.railway.definition.TodoTask<?, ?, ?> todo) {
          tm.put("endpoint", todo.endpoint().describe());
        }
        tasks.add(tm);
      }
      m.put("tasks", tasks);
      list.add(m);
    }
    json(ctx, 200, Map.of("workflows", list));
  }

  private void diagram(Context ctx, Principal p, byte[] b) {
    String name = ctx.pathParam("name");
    Optional<Workflow<?>> w =
        engine.workflows().stream()
            .filter(x -> x.name().equals(name) || x.id().equals(name))
            .reduce((first, second) -> second);
    if (w.isEmpty()) {
      problem(ctx, Problem.of(404, "not-found", "Not found", "no workflow named '" + name + "'"));
      return;
    }
    ctx.status(200).contentType("text/plain; charset=utf-8").result(MermaidDiagram.render(w.get()));
  }

  private void instance(Context ctx, Principal p, byte[] b) throws IOException {
    String id = ctx.pathParam("id");
    Optional<InstanceRecord> found = engine.store().instance(id);
    if (found.isEmpty()) {
      problem(ctx, Problem.of(404, "not-found", "Not found", "no instance '" + id + "'"));
      return;
    }
    InstanceRecord i = found.get();
    List<StreamEvent> stream = engine.store().stream(id);
    List<DecisionRecord> decisions = engine.store().decisions(id);
    Set<String> decided = new LinkedHashSet<>();
    decisions.forEach(d -> decided.add(d.taskId()));
    Map<String, Object> current = null;
    for (StreamEvent e : stream) {
      if (e.kind().equals("TaskEntered") && !decided.contains(e.taskId())) {
        var task = engine.store().task(e.taskId());
        if (task.isPresent()) {
          current = new LinkedHashMap<>();
          current.put("taskId", task.get().taskId());
          current.put("task", task.get().taskName());
          current.put("todo", task.get().todo());
          current.put("dueAt", task.get().dueAt());
          current.put("deadline", task.get().deadlineAt());
          current.put("attempts", task.get().attempts());
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instanceId", i.instanceId());
    m.put("workflow", i.workflow());
    m.put("status", i.status());
    m.put("trigger", event(i.trigger()));
    m.put("outcome", i.outcome() == null ? null : event(i.outcome()));
    m.put("currentTask", current);
    List<Map<String, Object>> ds = new ArrayList<>();
    for (DecisionRecord d : decisions) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("taskId", d.taskId());
      dm.put("task", d.taskName());
      dm.put("cause", d.cause());
      dm.put("decidedBy", d.decidedBy());
      dm.put("decidedAt", d.decidedAt());
      dm.put("event", event(d.event()));
      ds.add(dm);
    }
    m.put("decisions", ds);
    m.put("history", stream);
    json(ctx, 200, m);
  }

  private static Map<String, Object> event(SerializedEvent e) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", e.type());
    JsonNode data = Json.STORED.readTree(e.json());
    m.put("data", data);
    return m;
  }

  private static void json(Context ctx, int status, Object body) throws IOException {
    ctx.status(status).contentType(JSON).result(Json.WRITER.writeValueAsBytes(body));
  }

  private static void problem(Context ctx, Problem problem) {
    try {
      ctx.status(problem.status())
          .contentType(Problem.MEDIA_TYPE)
          .result(Json.WRITER.writeValueAsBytes(problem.body(ctx.path())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem answer", e);
    }
  }

  /** Never a stack trace in the body: an id that names the logged one. */
  private static void internalError(Context ctx, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof dev.railway.store.StoreUnavailableException) {
        // Transient, and nothing was recorded: the client may retry (first decision wins).
        log.warn("store unavailable answering {} {}: {}", ctx.method(), ctx.path(), t.toString());
        ctx.header("Retry-After", "1");
        problem(
            ctx,
            Problem.of(
                503,
                "store-unavailable",
                "Store unavailable",
                "the store cannot be reached right now; nothing was recorded, retry shortly"));
        return;
      }
    }
    String id = UUID.randomUUID().toString();
    log.error("internal error {} answering {} {}", id, ctx.method(), ctx.path(), e);
    Problem p =
        new Problem(
            "internal-error",
            "Internal error",
            500,
            "the server failed; quote error id " + id + " to its operators",
            List.of(),
            id);
    problem(ctx, p);
  }

  private final class Running implements RailwayServer {
    private final Javalin app;

    Running(Javalin app) {
      this.app = app;
    }

    @Override
    public int port() {
      return app.port();
    }

    @Override
    public boolean stop(Duration deadline) {
      long until = System.nanoTime() + deadline.toNanos();
      boolean drained;
      synchronized (lock) {
        stopping = true;
        while (inFlight > 0 && System.nanoTime() < until) {
          try {
            lock.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        drained = inFlight == 0;
      }
      if (!drained) {
        log.warn("stopping with requests still in flight after {}", deadline);
      }
      app.stop();
      return drained;
    }
  }
}
