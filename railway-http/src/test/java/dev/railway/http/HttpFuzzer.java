package dev.railway.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Seeded requests that are wrong in one or more ways: mutated and random bodies, odd headers and
 * credentials, strange paths and methods. Every one is bad input or a repeat of a decided command,
 * so none may change state.
 */
final class HttpFuzzer {
  private static final List<String> PATHS =
      List.of(
          "/todos/expenses/approvals/approve-e1",
          "/todos/expenses/approvals/approve-e2",
          "/todos/expenses/approvals",
          "/todos/webhooks/payments",
          "/todos/webhooks/payments/payment-r1",
          "/workflows",
          "/workflows/expense/diagram",
          "/instances/expense:e1",
          "/openapi.json");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=latin1",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/jsonx",
          "",
          ";;;",
          "application/problem+json");
  private static final String JSON_CHARS = "{}[]:,\"\\0123456789.-+eEtrufalsn \\t\\n";

  private final Random random;
  private final String valid;

  HttpFuzzer(Random random, String valid) {
    this.random = random;
    this.valid = valid;
  }

  HttpRequest next(HttpHarness h, String decider, String stranger) {
    String path = random.nextInt(4) == 0 ? randomPath() : pick(PATHS);
    if (random.nextInt(6) == 0) {
      path += "?limit=" + randomToken(4) + "&cursor=" + randomToken(12);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.server.port() + path))
            .timeout(Duration.ofSeconds(10));
    // Credentials: mostly the decider's (so bodies reach the decoder of a decided ToDo), else a
    // stranger's, garbage, duplicated, or none. The open ToDo only ever sees refused callers.
    boolean opensSomething = path.contains("approve-e2") || path.contains("webhooks");
    switch (random.nextInt(opensSomething ? 5 : 8)) {
      case 0 -> b.header("Authorization", "Bearer " + stranger);
      case 1 -> b.header("Authorization", "Bearer " + randomToken(40));
      case 2 -> b.header("X-Api-Key", randomToken(20));
      case 3 -> b.header("Railway-Signature", "t=" + random.nextLong() + ",v1=" + randomToken(64));
      case 4 -> {}
      case 5 ->
          b.header("Authorization", "Bearer " + decider)
              .header("Authorization", "Bearer " + stranger);
      default -> b.header("Authorization", "Bearer " + decider);
    }
    if (random.nextInt(3) > 0) {
      b.header("Content-Type", pick(CONTENT_TYPES));
    }
    if (random.nextInt(10) == 0) {
      b.header("X-" + randomToken(8), randomToken(30));
    }
    byte[] body = body();
    String method = pick(List.of("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"));
    return method.equals("GET")
        ? b.GET().build()
        : b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private byte[] body() {
    return switch (random.nextInt(7)) {
      case 0 -> randomBytes(random.nextInt(200));
      case 1 -> randomJsonish(random.nextInt(120)).getBytes(StandardCharsets.UTF_8);
      case 2 -> "[".repeat(random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
      case 3 ->
          ("{\"approve\":true,\"note\":\""
                  + "é😀\\u0000".repeat(random.nextInt(50))
                  + "\",\"level\":"
                  + pick(
                      List.of("1", "1e400", "99999999999999999999", "-0", "1.5", "null", "\"1\""))
                  + "}")
              .getBytes(StandardCharsets.UTF_8);
      default -> mutate(valid).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A few edits of the valid command: deletions, insertions, replacements, duplications. */
  private String mutate(String s) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
        case 2 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 3 -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(12))));
        default ->
            b.replace(
                at, Math.min(b.length(), at + 5), pick(List.of("null", "[]", "{}", "\"\"", "0")));
      }
    }
    return b.toString();
  }

  private String randomJsonish(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
    }
    return b.toString();
  }

  private String randomPath() {
    StringBuilder b = new StringBuilder("/");
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-._~/:@%2F%00%2e..";
    int length = random.nextInt(random.nextInt(10) == 0 ? 3000 : 60);
    for (int i = 0; i < length; i++) {
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      b.append(c == '%' ? "%" + String.format("%02X", random.nextInt(256)) : String.valueOf(c));
    }
    return (random.nextBoolean() ? "/todos" : "") + b;
  }

  private String randomToken(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
