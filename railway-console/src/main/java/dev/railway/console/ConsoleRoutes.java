package dev.railway.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.http.Authentication;
import dev.railway.http.Authenticator;
import dev.railway.http.InboundRequest;
import dev.railway.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's routes and the checks every request passes first: who is calling (a session cookie,
 * or an {@code Authorization} header the authenticator accepts), whether the page needs an operator
 * (decided before anything is read), and for a form post from a session, its anti-forgery token. A
 * refusal reads and changes nothing.
 */
final class ConsoleRoutes {
  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);

  /** The page's work once the caller passed the checks. */
  @FunctionalInterface
  interface Action {
    void run(Context ctx, Caller caller) throws Exception;
  }

  private final Engine engine;
  private final Authenticator authenticator;
  private final Predicate<Principal> operators;
  private final Sessions sessions;
  private final SignIn signIn;
  private final WorkflowPages workflows;
  private final InstancePages instances;
  private final AttentionPage attention;
  private final InboxPages inbox;

  ConsoleRoutes(
      Engine engine,
      Authenticator authenticator,
      Predicate<Principal> operators,
      boolean devSignIn,
      Sessions sessions) {
    this.engine = engine;
    this.authenticator = authenticator;
    this.operators = operators;
    this.sessions = sessions;
    this.signIn = new SignIn(engine, authenticator, devSignIn, sessions);
    this.workflows = new WorkflowPages(engine);
    this.instances = new InstancePages(engine);
    this.attention = new AttentionPage(engine);
    this.inbox = new InboxPages(engine);
  }

  void addTo(JavalinConfig config) {
    config.routes.get("/", ctx -> ctx.redirect("/console/", HttpStatus.SEE_OTHER));
    config.routes.get("/console", ctx -> ctx.redirect("/console/", HttpStatus.SEE_OTHER));
    config.routes.get("/console/assets/{name}", Assets::serve);
    config.routes.get("/console/signin", guardedOpen(signIn::page));
    config.routes.post("/console/signin", guardedOpen(signIn::token));
    config.routes.post("/console/signin/dev", guardedOpen(signIn::dev));
    config.routes.post("/console/signout", guarded(false, true, signIn::signOut));
    config.routes.get("/console/", guarded(true, false, workflows::list));
    config.routes.get("/console/workflows/{name}", guarded(true, false, workflows::page));
    config.routes.get(
        "/console/api/workflows/{name}/diagram", guarded(true, false, workflows::diagram));
    config.routes.get("/console/instances", guarded(true, false, instances::search));
    config.routes.get("/console/instances/{id}", guarded(true, false, instances::one));
    config.routes.get("/console/attention", guarded(true, false, attention::page));
    config.routes.post("/console/outbox/{id}/unpark", guarded(true, true, attention::unpark));
    config.routes.get("/console/inbox", guarded(false, false, inbox::list));
    config.routes.get("/console/todos/{taskId}", guarded(false, false, inbox::todo));
    config.routes.post("/console/todos/{taskId}", guarded(false, true, inbox::answer));
  }

  /** Sign-in pages: no caller needed; headers and error handling as for every page. */
  private Handler guardedOpen(Action action) {
    return ctx -> {
      secure(ctx);
      run(ctx, null, action);
    };
  }

  private Handler guarded(boolean operatorOnly, boolean changes, Action action) {
    return ctx -> {
      secure(ctx);
      boolean api = ctx.path().startsWith("/console/api/");
      Optional<Caller> caller;
      try {
        caller = caller(ctx);
      } catch (StoreUnavailableException e) {
        unavailable(ctx);
        return;
      }
      if (caller.isEmpty()) {
        if (api || changes) {
          refuse(ctx, 401, "Sign in first", "this call needs a signed-in principal");
        } else {
          String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
          ctx.redirect("/console/signin?next=" + Html.url(next), HttpStatus.SEE_OTHER);
        }
        return;
      }
      Caller c = caller.get();
      if (operatorOnly && !c.operator()) {
        refuse(
            ctx,
            403,
            "Operators only",
            c.principal().name() + " is not an operator; this page is for operators",
            c);
        return;
      }
      if (changes && c.csrf() != null && !Sessions.sameToken(c.csrf(), ctx.formParam("csrf"))) {
        refuse(
            ctx,
            403,
            "Form expired",
            "the form did not carry this session's token; reload the page and send it again",
            c);
        return;
      }
      run(ctx, c, action);
    };
  }

  private void run(Context ctx, Caller caller, Action action) throws Exception {
    try {
      action.run(ctx, caller);
    } catch (StoreUnavailableException e) {
      unavailable(ctx);
    } catch (BadRequest e) {
      refuse(ctx, 400, "Bad request", e.getMessage(), caller);
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      log.error("console: internal error {} on {} {}", errorId, ctx.method(), ctx.path(), e);
      refuse(
          ctx,
          500,
          "Internal error",
          "something went wrong on our side; the log has the details under error id " + errorId,
          caller);
    }
  }

  /** The session's principal (its token checked again), or the request's own credentials. */
  private Optional<Caller> caller(Context ctx) {
    Optional<Sessions.Session> session =
        sessions.find(ctx.cookie(Sessions.COOKIE), engine.store().now());
    if (session.isPresent()) {
      Sessions.Session s = session.get();
      if (s.dev() != null) {
        return Optional.of(new Caller(s.dev(), operators.test(s.dev()), s.csrf()));
      }
      Authentication a =
          authenticator.authenticate(
              new InboundRequest(
                  "GET",
                  ctx.path(),
                  Map.of("Authorization", List.of("Bearer " + s.bearer())),
                  new byte[0]));
      if (a instanceof Authentication.Authenticated ok) {
        return Optional.of(new Caller(ok.principal(), operators.test(ok.principal()), s.csrf()));
      }
      sessions.close(s.id());
      return Optional.empty();
    }
    if (ctx.header("Authorization") == null) {
      return Optional.empty();
    }
    Map<String, List<String>> headers = new java.util.HashMap<>();
    for (String name : ctx.headerMap().keySet()) {
      headers.put(
          name,
          List.copyOf(
              ctx.req().getHeaders(name) == null
                  ? List.of()
                  : java.util.Collections.list(ctx.req().getHeaders(name))));
    }
    Authentication a =
        authenticator.authenticate(
            new InboundRequest(ctx.method().name(), ctx.path(), headers, ctx.bodyAsBytes()));
    if (a instanceof Authentication.Authenticated ok) {
      return Optional.of(new Caller(ok.principal(), operators.test(ok.principal()), null));
    }
    return Optional.empty();
  }

  /** Headers every console answer carries: no framing, no inline scripts, no caching. */
  private static void secure(Context ctx) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  private static void unavailable(Context ctx) {
    ctx.header("Retry-After", "1");
    refuse(
        ctx,
        503,
        "Store unavailable",
        "the store cannot be reached right now; nothing was changed, try again in a moment",
        null);
  }

  static void refuse(Context ctx, int status, String title, String detail) {
    refuse(ctx, status, title, detail, null);
  }

  /** A refusal as a page (or JSON for API calls), naming the problem; nothing was changed. */
  static void refuse(Context ctx, int status, String title, String detail, Caller caller) {
    ctx.status(status);
    if (ctx.path().startsWith("/console/api/")) {
      ctx.contentType("application/problem+json");
      try {
        ctx.result(
            JSON.writeValueAsString(Map.of("status", status, "title", title, "detail", detail)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    ctx.html(
        Html.page(
            title,
            caller == null ? null : caller.principal(),
            caller != null && caller.operator(),
            caller == null ? null : caller.csrf(),
            "<p class=\"refusal\" role=\"alert\">"
                + Html.esc(detail)
                + "</p>"
                + (status == 401 || caller == null
                    ? "<p><a href=\"/console/signin\">Sign in</a></p>"
                    : "<p><a href=\"/console/inbox\">Back to your inbox</a></p>")));
  }

  /** A request the console cannot serve as asked: answered 400 with the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
