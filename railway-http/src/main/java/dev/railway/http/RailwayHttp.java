package dev.railway.http;

import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Serves the engine's HTTP ToDos: {@code RailwayHttp.of(engine).authenticator(...).start(port)}.
 *
 * <ul>
 *   <li>{@code POST /todos/{segment}/{taskId}}: a command as JSON; {@code POST /todos/{segment}}
 *       for ToDos with a command locator (webhooks).
 *   <li>{@code GET /todos/{segment}} (paged: {@code limit}, {@code cursor}) and {@code GET
 *       /todos/{segment}/{taskId}}: open ToDos the caller may see.
 *   <li>{@code GET /workflows}, {@code /workflows/{name}/diagram}, {@code /instances/{id}}: for
 *       operators only.
 *   <li>{@code GET /openapi.json}.
 * </ul>
 *
 * Every route needs an authenticated caller: starting without an authenticator is refused. Errors
 * are RFC 9457 problem details and change nothing.
 */
public final class RailwayHttp {
  /**
   * Route segments are plain URL path segments: nothing that needs escaping or could route twice.
   */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

  private final Engine engine;
  private Authenticator authenticator;
  private long maxBodyBytes = 64 * 1024;
  private Predicate<Principal> operators = p -> p.hasRole("operator");
  private String host = "127.0.0.1";
  private final List<java.util.function.Consumer<io.javalin.config.JavalinConfig>> routes =
      new ArrayList<>();

  private RailwayHttp(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public static RailwayHttp of(Engine engine) {
    return new RailwayHttp(engine);
  }

  /** Who may call (required): e.g. {@code Authenticator.anyOf(jwt, apiKeys, webhooks)}. */
  public RailwayHttp authenticator(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    return this;
  }

  /** The largest accepted command body (default 64 KiB); larger ones get 413 unread. */
  public RailwayHttp maxBodyBytes(long bytes) {
    if (bytes < 1 || bytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "max body size must be between 1 byte and 16 MiB; was " + bytes);
    }
    this.maxBodyBytes = bytes;
    return this;
  }

  /** Who may read workflows, diagrams and instances (default: principals with role operator). */
  public RailwayHttp operators(Predicate<Principal> operators) {
    this.operators = Objects.requireNonNull(operators, "operators");
    return this;
  }

  /** The address to listen on (default 127.0.0.1; {@code 0.0.0.0} for every interface). */
  public RailwayHttp host(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /**
   * More routes on the same server, e.g. the console ({@code railway-console}'s {@code
   * RailwayConsole}); they are added after the ToDo routes and do their own authentication.
   */
  public RailwayHttp routes(java.util.function.Consumer<io.javalin.config.JavalinConfig> more) {
    routes.add(Objects.requireNonNull(more, "routes"));
    return this;
  }

  /**
   * Starts serving on {@code port} (0 picks a free one; {@link RailwayServer#port()} says which).
   *
   * @throws IllegalStateException naming the misconfiguration: no authenticator, a route segment
   *     that is not a plain path, or one segment used by two different workflows' ToDos
   */
  public RailwayServer start(int port) {
    if (authenticator == null) {
      throw new IllegalStateException(
          "no authenticator configured: ToDo endpoints are never served to anonymous callers; set"
              + " authenticator(...) (JwtAuthenticator, ApiKeyAuthenticator, WebhookAuthenticator)");
    }
    List<TodoEndpoint> endpoints = TodoEndpoint.httpRoutes(engine);
    List<String> problems = new ArrayList<>();
    Map<String, TodoEndpoint> owner = new LinkedHashMap<>();
    for (TodoEndpoint e : endpoints) {
      if (!SEGMENT.matcher(e.address()).matches()) {
        problems.add(
            "ToDo '"
                + e.todo().name()
                + "' of "
                + e.workflow().id()
                + " has route segment '"
                + e.address()
                + "': use letters, digits and . _ ~ - separated by /");
      }
      TodoEndpoint first = owner.putIfAbsent(e.address(), e);
      if (first != null
          && !(first.workflow().name().equals(e.workflow().name())
              && first.todo().name().equals(e.todo().name()))) {
        problems.add(
            "route segment '"
                + e.address()
                + "' is used by ToDo '"
                + first.todo().name()
                + "' of "
                + first.workflow().id()
                + " and ToDo '"
                + e.todo().name()
                + "' of "
                + e.workflow().id());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "cannot serve these ToDos over HTTP: " + String.join("; ", problems));
    }
    TodoCommands commands = TodoCommands.of(engine, endpoints);
    return new HttpRoutes(
            engine,
            endpoints,
            commands,
            TodoQueries.of(engine, commands),
            authenticator,
            operators,
            maxBodyBytes,
            routes)
        .start(host, port);
  }
}
