package dev.railway.spring;

import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.http.CommandResult;
import dev.railway.http.Refusal;
import dev.railway.http.TodoCommands;
import dev.railway.http.TodoEndpoint;
import dev.railway.http.TodoQueries;
import dev.railway.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP ToDo endpoints of {@code railway-http} on the application's own web server (Spring MVC),
 * delegating to the same {@link TodoCommands} and {@link TodoQueries} as Railway's standalone
 * server, so the rules are the same: the access rule, strict decoding, the data contract, the first
 * decision wins, and a refusal changes nothing.
 *
 * <ul>
 *   <li>{@code GET {base}/todos/{segment}} (paged: {@code limit}, {@code cursor}) and {@code GET
 *       {base}/todos/{segment}/{taskId}}: open ToDos the caller may see.
 *   <li>{@code POST {base}/todos/{segment}/{taskId}}: a command as JSON; {@code POST
 *       {base}/todos/{segment}} for ToDos with a command locator.
 * </ul>
 *
 * The caller is who the application's security says ({@link RailwayPrincipalResolver}); a request
 * without one is answered 401. Errors are RFC 9457 problem details with Railway's problem types.
 */
@RestController
@RequestMapping("${railway.http.base-path:/railway}/todos")
final class TodoController {
  private final TodoCommands commands;
  private final TodoQueries queries;
  private final RailwayPrincipalResolver principals;
  private final long maxBodyBytes;
  private final String base;

  TodoController(
      Engine engine, RailwayPrincipalResolver principals, RailwayProperties.Http properties) {
    List<TodoEndpoint> endpoints = TodoEndpoint.httpRoutes(engine);
    this.commands = TodoCommands.of(engine, endpoints);
    this.queries = TodoQueries.of(engine, commands);
    this.principals = principals;
    this.maxBodyBytes = properties.maxBodySize().toBytes();
    this.base = properties.basePath() + "/todos/";
  }

  @GetMapping("/**")
  ResponseEntity<?> get(
      HttpServletRequest request,
      @RequestParam(name = "limit", required = false) String limitParam,
      @RequestParam(name = "cursor", required = false) String cursor) {
    Optional<Principal> caller = principals.resolve(request);
    if (caller.isEmpty()) {
      return unauthenticated(request);
    }
    String rest = rest(request);
    if (!commands.at(rest).isEmpty()) {
      return list(request, rest, caller.get(), limitParam, cursor);
    }
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      return notFound(request);
    }
    String address = rest.substring(0, slash);
    String taskId = rest.substring(slash + 1);
    if (commands.at(address).isEmpty() || taskId.isEmpty()) {
      return notFound(request);
    }
    return switch (queries.one(address, taskId, caller.get())) {
      case TodoQueries.Lookup.Found f -> ResponseEntity.ok(f.todo());
      case TodoQueries.Lookup.Refused r ->
          refused(request, new CommandResult.Refused(r.refusal(), r.detail(), List.of()));
    };
  }

  private ResponseEntity<?> list(
      HttpServletRequest request,
      String address,
      Principal caller,
      String limitParam,
      String cursor) {
    int limit = 20;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        return problem(
            request,
            HttpStatus.BAD_REQUEST,
            "bad-parameter",
            "Bad parameter",
            "limit must be an integer from 1 to 100; was '" + limitParam + "'");
      }
    }
    TodoQueries.Page page;
    try {
      page = queries.open(address, caller, cursor, limit);
    } catch (IllegalArgumentException e) {
      return problem(
          request, HttpStatus.BAD_REQUEST, "bad-parameter", "Bad parameter", e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next());
    return ResponseEntity.ok(body);
  }

  @PostMapping(path = "/**", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> post(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    Optional<Principal> caller = principals.resolve(request);
    if (caller.isEmpty()) {
      return unauthenticated(request);
    }
    byte[] command = body == null ? new byte[0] : body;
    if (command.length > maxBodyBytes) {
      return problem(
          request,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "too-large",
          "Body too large",
          "the body is larger than the limit of " + maxBodyBytes + " bytes");
    }
    String rest = rest(request);
    if (!commands.at(rest).isEmpty()) {
      return answer(request, commands.submit(rest, caller.get(), command));
    }
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      return notFound(request);
    }
    String address = rest.substring(0, slash);
    String taskId = rest.substring(slash + 1);
    if (commands.at(address).isEmpty() || taskId.isEmpty()) {
      return notFound(request);
    }
    return answer(request, commands.complete(address, taskId, caller.get(), command));
  }

  /** The store could not be reached: nothing was recorded, and the caller may retry. */
  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<?> unavailable(HttpServletRequest request, StoreUnavailableException e) {
    return problem(
        request,
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        "Unavailable",
        "the store cannot be reached now; retry later");
  }

  private ResponseEntity<?> answer(HttpServletRequest request, CommandResult result) {
    return switch (result) {
      case CommandResult.Decided d -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", d.taskId());
        body.put("decision", d.event().getClass().getSimpleName());
        body.put("event", d.event());
        yield ResponseEntity.ok(body);
      }
      case CommandResult.Refused r -> refused(request, r);
    };
  }

  private ResponseEntity<?> refused(HttpServletRequest request, CommandResult.Refused r) {
    ResponseEntity<ProblemDetail> answer =
        switch (r.refusal()) {
          case MALFORMED ->
              problem(
                  request, HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", r.detail());
          case NOT_ALLOWED ->
              problem(request, HttpStatus.FORBIDDEN, "not-allowed", "Not allowed", r.detail());
          case CONFLICT ->
              problem(
                  request, HttpStatus.CONFLICT, "already-decided", "Already decided", r.detail());
          case EXPIRED -> problem(request, HttpStatus.GONE, "expired", "Expired", r.detail());
          case INVALID ->
              problem(
                  request,
                  HttpStatus.UNPROCESSABLE_ENTITY,
                  "contract-violated",
                  "Contract violated",
                  r.detail());
        };
    if (r.refusal() == Refusal.INVALID && !r.errors().isEmpty()) {
      answer.getBody().setProperty("errors", r.errors());
    }
    return answer;
  }

  private String rest(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith(base) ? path.substring(base.length()) : "";
  }

  private ResponseEntity<ProblemDetail> unauthenticated(HttpServletRequest request) {
    return problem(
        request,
        HttpStatus.UNAUTHORIZED,
        "unauthenticated",
        "Unauthenticated",
        "ToDo endpoints answer authenticated callers only");
  }

  private ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
    return problem(
        request,
        HttpStatus.NOT_FOUND,
        "not-found",
        "Not found",
        "no route " + request.getRequestURI());
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpServletRequest request, HttpStatus status, String slug, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:railway:problem:" + slug));
    p.setTitle(title);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
