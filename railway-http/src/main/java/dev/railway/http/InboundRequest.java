package dev.railway.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an {@link Authenticator} sees of a request: method, path, headers and the raw body (a
 * signature covers the bytes as sent, never a re-serialization). Queue endpoints build one from a
 * message's headers and body.
 *
 * @param headers header values by name; names compare case-insensitively
 */
public record InboundRequest(
    String method, String path, Map<String, List<String>> headers, byte[] body) {

  public InboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> byName.merge(name, List.copyOf(values), InboundRequest::both));
    headers = java.util.Collections.unmodifiableMap(byName);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** How many values header {@code name} has (a repeated credential header is refused). */
  public int headerCount(String name) {
    List<String> values = headers.get(name);
    return values == null ? 0 : values.size();
  }

  private static List<String> both(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
