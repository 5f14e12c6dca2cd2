package dev.railway.console;

import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.http.Authentication;
import dev.railway.http.Authenticator;
import dev.railway.http.InboundRequest;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sign-in with a bearer token (a JWT from the identity provider) that the configured authenticator
 * accepts, or, only when switched on, the development sign-in. The session cookie is HttpOnly and
 * SameSite=Strict, Secure when the request came over HTTPS.
 */
final class SignIn {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final Engine engine;
  private final Authenticator authenticator;
  private final boolean devSignIn;
  private final Sessions sessions;

  SignIn(Engine engine, Authenticator authenticator, boolean devSignIn, Sessions sessions) {
    this.engine = engine;
    this.authenticator = authenticator;
    this.devSignIn = devSignIn;
    this.sessions = sessions;
  }

  void page(Context ctx, Caller ignored) {
    render(ctx, 200, null, ctx.queryParam("next"));
  }

  void token(Context ctx, Caller ignored) {
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
    String next = ctx.formParam("next");
    if (token.isEmpty()) {
      render(ctx, 400, "Paste the access token your identity provider gave you.", next);
      return;
    }
    Authentication a =
        authenticator.authenticate(
            new InboundRequest(
                "GET",
                ctx.path(),
                Map.of("Authorization", List.of("Bearer " + token)),
                new byte[0]));
    switch (a) {
      case Authentication.Authenticated ok -> start(ctx, token, null, next);
      case Authentication.Refused r ->
          render(ctx, 401, "That token was refused: " + r.reason(), next);
      case Authentication.NoCredentials n ->
          render(ctx, 401, "That is not a token this console accepts.", next);
    }
  }

  void dev(Context ctx, Caller ignored) {
    if (!devSignIn) {
      ConsoleRoutes.refuse(ctx, 403, "Switched off", "the development sign-in is switched off");
      return;
    }
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    String next = ctx.formParam("next");
    if (!NAME.matcher(name).matches()) {
      render(ctx, 400, "A name is 1 to 64 letters, digits or . _ @ -; was '" + name + "'", next);
      return;
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : Optional.ofNullable(ctx.formParam("roles")).orElse("").split("[,\\s]+")) {
      if (!role.isBlank()) {
        if (!NAME.matcher(role).matches()) {
          render(ctx, 400, "A role is letters, digits or . _ @ -; was '" + role + "'", next);
          return;
        }
        roles.add(role);
      }
    }
    start(ctx, null, new Principal(name, roles), next);
  }

  void signOut(Context ctx, Caller caller) {
    sessions.close(ctx.cookie(Sessions.COOKIE));
    ctx.removeCookie(Sessions.COOKIE, "/console");
    ctx.redirect("/console/signin", HttpStatus.SEE_OTHER);
  }

  private void start(Context ctx, String bearer, Principal dev, String next) {
    Optional<Sessions.Session> s = sessions.open(bearer, dev, engine.store().now());
    if (s.isEmpty()) {
      render(ctx, 503, "Too many people are signed in right now; try again later.", next);
      return;
    }
    Cookie cookie =
        new Cookie(
            Sessions.COOKIE,
            s.get().id(),
            "/console",
            (int) sessions.lifetime().toSeconds(),
            "https".equals(ctx.scheme()),
            true,
            null,
            SameSite.STRICT);
    ctx.cookie(cookie);
    ctx.redirect(safeNext(next), HttpStatus.SEE_OTHER);
  }

  /** Only a console path: a sign-in link must never send a person to another site. */
  static String safeNext(String next) {
    if (next != null
        && next.startsWith("/console/")
        && !next.startsWith("//")
        && !next.contains("\\")
        && next.chars().noneMatch(Character::isISOControl)) {
      return next;
    }
    return "/console/inbox";
  }

  private void render(Context ctx, int status, String error, String next) {
    StringBuilder body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"refusal\" role=\"alert\" id=\"signin-error\">")
          .append(Html.esc(error))
          .append("</p>");
    }
    String nextField = next == null ? "" : Html.hidden("next", next);
    body.append("<form method=\"post\" action=\"/console/signin\" class=\"stack\">")
        .append(nextField)
        .append("<label for=\"token\">Access token (JWT) from your identity provider</label>")
        .append(
            "<textarea id=\"token\" name=\"token\" rows=\"4\" autocomplete=\"off\""
                + " spellcheck=\"false\"></textarea>")
        .append("<button type=\"submit\" id=\"signin\">Sign in</button></form>");
    if (devSignIn) {
      body.append("<section aria-labelledby=\"dev-heading\" class=\"dev\">")
          .append("<h2 id=\"dev-heading\">Development sign-in</h2>")
          .append("<p>Switched on for development: anyone who reaches this page can be anyone.</p>")
          .append("<form method=\"post\" action=\"/console/signin/dev\" class=\"stack\">")
          .append(nextField)
          .append("<label for=\"dev-name\">Name</label>")
          .append("<input id=\"dev-name\" name=\"name\" autocomplete=\"username\">")
          .append("<label for=\"dev-roles\">Roles (comma-separated)</label>")
          .append("<input id=\"dev-roles\" name=\"roles\" value=\"operator\">")
          .append("<button type=\"submit\" id=\"dev-signin\">Sign in for development</button>")
          .append("</form></section>");
    }
    ctx.status(status).html(Html.page("Sign in", null, false, null, body.toString()));
  }
}
