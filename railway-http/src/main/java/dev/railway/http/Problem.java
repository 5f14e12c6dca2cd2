package dev.railway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, {@code
 * instance}, plus {@code errors} (one per field) and {@code errorId} (for a 500, the id in the
 * log).
 */
record Problem(
    String slug, String title, int status, String detail, List<FieldError> errors, String errorId) {

  static final String MEDIA_TYPE = "application/problem+json";

  static Problem of(int status, String slug, String title, String detail) {
    return new Problem(slug, title, status, detail, List.of(), null);
  }

  static Problem refused(CommandResult.Refused r) {
    return switch (r.refusal()) {
      case MALFORMED -> of(400, "malformed-json", "Malformed JSON", r.detail());
      case NOT_ALLOWED -> of(403, "not-allowed", "Not allowed", r.detail());
      case CONFLICT -> of(409, "already-decided", "Already decided", r.detail());
      case EXPIRED -> of(410, "expired", "Expired", r.detail());
      case INVALID ->
          new Problem("contract-violated", "Contract violated", 422, r.detail(), r.errors(), null);
    };
  }

  Map<String, Object> body(String instance) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "urn:railway:problem:" + slug);
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    m.put("instance", instance);
    if (!errors.isEmpty()) {
      m.put("errors", errors);
    }
    if (errorId != null) {
      m.put("errorId", errorId);
    }
    return m;
  }

  /** Every problem type an endpoint may answer, for the OpenAPI document. */
  static final Map<Integer, String> STATUSES =
      Map.ofEntries(
          Map.entry(400, "Malformed JSON or a bad query parameter"),
          Map.entry(401, "Missing or invalid credentials"),
          Map.entry(403, "No ToDo with this id that the caller may act on, or not an operator"),
          Map.entry(404, "No such route, workflow or instance"),
          Map.entry(409, "Already decided by another command"),
          Map.entry(410, "Expired"),
          Map.entry(413, "Body larger than the limit"),
          Map.entry(415, "Body is not application/json"),
          Map.entry(422, "Unknown, missing or mistyped fields, or a data contract violation"),
          Map.entry(500, "Internal error; errorId names it in the server's log"),
          Map.entry(503, "The server is stopping, or the store is unreachable (retry)"));
}
