package dev.railway.console;

import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.http.Authenticator;
import dev.railway.http.RailwayServer;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Railway console: the workflows drawn as the paper draws them with live counts, the instances,
 * what needs attention, and the human inbox, for engineers and business people.
 *
 * <pre>{@code
 * RailwayConsole console = RailwayConsole.of(engine).authenticator(sso);
 * RailwayHttp.of(engine).authenticator(sso).routes(console).start(8080); // with the ToDo API
 * // or on an existing Javalin app: Javalin.create(config -> console.accept(config))
 * // or alone: console.start("127.0.0.1", 8081)
 * }</pre>
 *
 * Pages live under {@code /console/} ({@code /} redirects there). Every page and JSON call needs a
 * signed-in principal: sign-in takes a bearer token the {@link #authenticator} accepts (a JWT from
 * the identity provider), or, only when {@link #devSignIn} is switched on, a name and roles typed
 * in. The workflow, instance and attention pages need an operator; the inbox shows each person the
 * ToDos their roles allow, under the same access rules and the same command path as the HTTP
 * endpoints.
 */
public final class RailwayConsole implements Consumer<JavalinConfig> {
  private final Engine engine;
  private Authenticator authenticator;
  private Predicate<Principal> operators = p -> p.hasRole("operator");
  private boolean devSignIn;
  private Duration sessionLifetime = Duration.ofHours(8);
  private int maxSessions = 10_000;
  private ConsoleRoutes routes;

  private RailwayConsole(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public static RailwayConsole of(Engine engine) {
    return new RailwayConsole(engine);
  }

  /** Who may sign in (required): e.g. a {@code JwtAuthenticator} for your identity provider. */
  public RailwayConsole authenticator(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    return this;
  }

  /** Who may see workflows, instances and the attention page (default: role {@code operator}). */
  public RailwayConsole operators(Predicate<Principal> operators) {
    this.operators = Objects.requireNonNull(operators, "operators");
    return this;
  }

  /**
   * Development only: a sign-in form that trusts a typed name and roles. Off by default; never
   * switch it on where anyone but the developer can reach the console.
   */
  public RailwayConsole devSignIn(boolean enabled) {
    this.devSignIn = enabled;
    return this;
  }

  /**
   * How long a browser stays signed in at most (default 8 h; a token's own expiry ends it sooner).
   */
  public RailwayConsole sessionLifetime(Duration lifetime) {
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("session lifetime must be positive; was " + lifetime);
    }
    this.sessionLifetime = lifetime;
    return this;
  }

  /** How many browsers may be signed in at once (default 10,000). */
  public RailwayConsole maxSessions(int sessions) {
    if (sessions < 1) {
      throw new IllegalArgumentException("max sessions must be at least 1; was " + sessions);
    }
    this.maxSessions = sessions;
    return this;
  }

  /**
   * Adds the console's routes to a Javalin configuration (mounting it on an existing app).
   *
   * @throws IllegalStateException when no authenticator is configured
   */
  @Override
  public synchronized void accept(JavalinConfig config) {
    if (routes == null) {
      if (authenticator == null) {
        throw new IllegalStateException(
            "no authenticator configured: the console is never served to anonymous callers; set"
                + " authenticator(...) (e.g. a JwtAuthenticator for your identity provider)");
      }
      routes =
          new ConsoleRoutes(
              engine,
              authenticator,
              operators,
              devSignIn,
              new Sessions(maxSessions, sessionLifetime));
    }
    routes.addTo(config);
  }

  /** Serves the console alone on {@code host:port} (0 picks a free port). */
  public RailwayServer start(String host, int port) {
    Javalin app =
        Javalin.create(config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.concurrency.useVirtualThreads = true;
          config.http.maxRequestSize = 64 * 1024;
          accept(config);
        });
    app.start(host, port);
    return new RailwayServer() {
      @Override
      public int port() {
        return app.port();
      }

      @Override
      public boolean stop(Duration deadline) {
        app.stop();
        return true;
      }
    };
  }
}
