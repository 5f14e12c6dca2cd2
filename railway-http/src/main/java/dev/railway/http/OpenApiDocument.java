package dev.railway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of a server, generated from the workflow definitions: each served ToDo's
 * routes with its command and read-model schemas, the operator routes, the security schemes, and
 * every problem answer.
 */
final class OpenApiDocument {
  /** What a command to a ToDo may be refused with: the same for every route that takes one. */
  private static final int[] COMMAND_PROBLEMS = {400, 401, 403, 409, 410, 413, 415, 422};

  private OpenApiDocument() {}

  static Map<String, Object> of(List<TodoEndpoint> endpoints, long maxBodyBytes) {
    JsonSchemas schemas = new JsonSchemas();
    Map<String, Object> paths = new LinkedHashMap<>();
    Map<String, List<TodoEndpoint>> byAddress = new LinkedHashMap<>();
    for (TodoEndpoint e : endpoints) {
      byAddress.computeIfAbsent(e.address(), a -> new ArrayList<>()).add(e);
    }
    for (var entry : byAddress.entrySet()) {
      String address = entry.getKey();
      TodoEndpoint e = entry.getValue().get(entry.getValue().size() - 1);
      String base = "/todos/" + address;
      String tag = e.workflow().name();
      Map<String, Object> command = schemas.ref(e.todo().contract().commandType());
      Map<String, Object> readModel = schemas.ref(e.todo().readModelType());
      Map<String, Object> list = new LinkedHashMap<>();
      list.put(
          "get",
          operation(
              tag,
              "open-" + e.todo().name(),
              "Open '" + e.todo().name() + "' ToDos the caller may see, oldest first, paged",
              List.of(
                  query("limit", Map.of("type", "integer", "minimum", 1, "maximum", 100)),
                  query("cursor", Map.of("type", "string"))),
              null,
              ok(page(readModel)),
              400,
              401));
      if (e.todo().locator() != null) {
        list.put(
            "post",
            operation(
                tag,
                "submit-" + e.todo().name(),
                "Answer the '" + e.todo().name() + "' ToDo that the command itself names",
                List.of(),
                command,
                ok(decided()),
                COMMAND_PROBLEMS));
      }
      paths.put(base, list);
      Map<String, Object> one = new LinkedHashMap<>();
      List<Object> idParam = List.of(path("taskId"));
      one.put(
          "get",
          operation(
              tag,
              "get-" + e.todo().name(),
              "One open '" + e.todo().name() + "' ToDo",
              idParam,
              null,
              ok(todo(readModel)),
              401,
              403,
              409,
              410));
      one.put(
          "post",
          operation(
              tag,
              "complete-" + e.todo().name(),
              "Answer one '" + e.todo().name() + "' ToDo; the first decision wins",
              idParam,
              command,
              ok(decided()),
              COMMAND_PROBLEMS));
      paths.put(base + "/{taskId}", one);
    }
    paths.put(
        "/workflows",
        Map.of(
            "get",
            operation(
                "operators",
                "workflows",
                "The served workflows",
                List.of(),
                null,
                okAny(),
                401,
                403)));
    paths.put(
        "/workflows/{name}/diagram",
        Map.of(
            "get",
            operation(
                "operators",
                "diagram",
                "A workflow as a Mermaid stateDiagram-v2",
                List.of(path("name")),
                null,
                Map.of(
                    "description",
                    "Mermaid text",
                    "content",
                    Map.of("text/plain", Map.of("schema", Map.of("type", "string")))),
                401,
                403,
                404)));
    paths.put(
        "/instances/{id}",
        Map.of(
            "get",
            operation(
                "operators",
                "instance",
                "An instance: status, current task, decisions and its event stream",
                List.of(path("id")),
                null,
                okAny(),
                401,
                403,
                404)));
    paths.put(
        "/openapi.json",
        Map.of(
            "get", operation("meta", "openapi", "This document", List.of(), null, okAny(), 401)));

    Map<String, Object> components = new LinkedHashMap<>();
    Map<String, Object> allSchemas = new LinkedHashMap<>(schemas.components());
    allSchemas.put("Problem", problemSchema());
    components.put("schemas", allSchemas);
    components.put(
        "securitySchemes",
        Map.of(
            "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
            "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"),
            "signedWebhook",
                Map.of(
                    "type",
                    "apiKey",
                    "in",
                    "header",
                    "name",
                    "Railway-Signature",
                    "description",
                    "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>")));

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put(
        "info",
        Map.of(
            "title",
            "Railway ToDo endpoints",
            "version",
            "1",
            "description",
            "Commands are JSON objects of at most "
                + maxBodyBytes
                + " bytes; errors are RFC 9457 problem details."));
    doc.put("paths", paths);
    doc.put("components", components);
    doc.put(
        "security",
        List.of(
            Map.of("bearer", List.of()),
            Map.of("apiKey", List.of()),
            Map.of("signedWebhook", List.of())));
    return doc;
  }

  private static Map<String, Object> operation(
      String tag,
      String id,
      String summary,
      List<Object> parameters,
      Map<String, Object> body,
      Map<String, Object> ok,
      int... problems) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("tags", List.of(tag));
    op.put("operationId", id);
    op.put("summary", summary);
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (body != null) {
      op.put(
          "requestBody",
          Map.of("required", true, "content", Map.of("application/json", Map.of("schema", body))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", ok);
    for (int status : problems) {
      responses.put(String.valueOf(status), problem(status));
    }
    responses.put("500", problem(500));
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> problem(int status) {
    return Map.of(
        "description",
        Problem.STATUSES.get(status),
        "content",
        Map.of(
            Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
  }

  private static Map<String, Object> ok(Map<String, Object> schema) {
    return Map.of(
        "description", "OK", "content", Map.of("application/json", Map.of("schema", schema)));
  }

  private static Map<String, Object> okAny() {
    return ok(Map.of("type", "object"));
  }

  private static Map<String, Object> query(String name, Map<String, Object> schema) {
    return Map.of("name", name, "in", "query", "required", false, "schema", schema);
  }

  private static Map<String, Object> path(String name) {
    return Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string"));
  }

  private static Map<String, Object> todo(Map<String, Object> readModel) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("taskId", Map.of("type", "string"));
    props.put("instanceId", Map.of("type", "string"));
    props.put("workflow", Map.of("type", "string"));
    props.put("task", Map.of("type", "string"));
    props.put("readModel", readModel);
    props.put("openedAt", Map.of("type", "string", "format", "date-time"));
    props.put("deadline", Map.of("type", List.of("string", "null"), "format", "date-time"));
    return Map.of("type", "object", "properties", props);
  }

  private static Map<String, Object> page(Map<String, Object> readModel) {
    return Map.of(
        "type",
        "object",
        "properties",
        Map.of(
            "items", Map.of("type", "array", "items", todo(readModel)),
            "next", Map.of("type", List.of("string", "null"))));
  }

  private static Map<String, Object> decided() {
    return Map.of(
        "type",
        "object",
        "properties",
        Map.of(
            "taskId", Map.of("type", "string"),
            "decision", Map.of("type", "string"),
            "event", Map.of("type", "object")));
  }

  private static Map<String, Object> problemSchema() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("type", Map.of("type", "string", "format", "uri-reference"));
    props.put("title", Map.of("type", "string"));
    props.put("status", Map.of("type", "integer"));
    props.put("detail", Map.of("type", "string"));
    props.put("instance", Map.of("type", "string"));
    props.put(
        "errors",
        Map.of(
            "type",
            "array",
            "items",
            Map.of(
                "type",
                "object",
                "properties",
                Map.of("field", Map.of("type", "string"), "problem", Map.of("type", "string")))));
    props.put("errorId", Map.of("type", "string"));
    return Map.of(
        "type", "object", "properties", props, "required", List.of("type", "title", "status"));
  }
}
