package dev.railway.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client against the application's own port, as a caller outside it would be. */
record Http(int port) {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body) {}

  Answer get(String path, String user) throws Exception {
    return send(request(path, user).GET().build());
  }

  Answer post(String path, String user, String json) throws Exception {
    return send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (user != null) {
      String credentials = user + ":" + user + "-pw";
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private static Answer send(HttpRequest r) throws Exception {
    HttpResponse<String> res = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    return new Answer(res.statusCode(), res.body());
  }
}
