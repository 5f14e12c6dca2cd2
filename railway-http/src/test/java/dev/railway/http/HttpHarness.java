package dev.railway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.railway.engine.Engine;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real server on a free port over a real store, the test workflows, the three authenticators, and
 * a JDK HTTP client. Subclasses say which store.
 */
abstract class HttpHarness implements AutoCloseable {
  static final String ISSUER = "https://sso.example.test";
  static final String AUDIENCE = "railway";
  static final String WEBHOOK_SECRET = "whsec_0123456789abcdef0123456789";
  static final String OPERATOR_KEY = ApiKeyAuthenticator.newKey();
  static final ObjectMapper JSON = new ObjectMapper();

  final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final ECKey signingKey = newKey("k1");
  final Store store;
  final Engine engine;
  final RailwayServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpHarness(Store store, long maxBodyBytes) {
    this.store = store;
    this.engine =
        Engine.builder(store)
            .clock(clock)
            .workflow(Expenses.expense())
            .workflow(Expenses.checkout())
            .build();
    Authenticator auth =
        Authenticator.anyOf(
            JwtAuthenticator.builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .keys(signingKey.toPublicJWK())
                .clock(clock)
                .build(),
            ApiKeyAuthenticator.builder()
                .key(ApiKeyAuthenticator.hash(OPERATOR_KEY), "ops", "operator")
                .build(),
            WebhookAuthenticator.builder()
                .sender("acme-pay", WEBHOOK_SECRET, "payment-provider")
                .clock(clock)
                .build());
    this.server = RailwayHttp.of(engine).authenticator(auth).maxBodyBytes(maxBodyBytes).start(0);
  }

  static ECKey newKey(String id) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(Duration.ofSeconds(5));
    engine.close();
    store.close();
  }

  // ---- credentials

  String token(String subject, String... roles) {
    return token(signingKey, c -> c.subject(subject).claim("roles", List.of(roles)));
  }

  /** A token from {@code key}, valid now for 5 minutes, with {@code claims} applied last. */
  String token(ECKey key, Consumer<JWTClaimsSet.Builder> claims) {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .issueTime(Date.from(clock.instant()))
            .notBeforeTime(Date.from(clock.instant()))
            .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))));
    claims.accept(b);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              b.build());
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- requests

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
  }

  Reply post(String path, String bearer, String json) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Reply get(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer).GET().build());
  }

  Reply getAsOperator(String path) {
    return send(request(path).header("X-Api-Key", OPERATOR_KEY).GET().build());
  }

  Reply webhook(String path, String secret, Instant signedAt, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Railway-Signature", WebhookAuthenticator.signature(secret, signedAt, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  Reply send(HttpRequest request) {
    return send(client, request);
  }

  /**
   * Sends on a connection of its own: after some malformed requests (a bad URI) the server's HTTP
   * layer closes the connection, and a pooled connection would carry that into the next request.
   */
  Reply sendAlone(HttpRequest request) {
    try (HttpClient alone =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return send(alone, request);
    }
  }

  private Reply send(HttpClient via, HttpRequest request) {
    try {
      HttpResponse<String> r = via.send(request, HttpResponse.BodyHandlers.ofString());
      if (System.getProperty("railway.http.trace") != null) {
        System.out.println(
            "TRACE "
                + request.method()
                + " "
                + request.uri()
                + " "
                + request.headers().map().keySet()
                + " -> "
                + r.statusCode()
                + " "
                + r.headers().map());
      }
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (Exception e) {
      throw new IllegalStateException("request " + request.uri() + " got no answer: " + e, e);
    }
  }

  /**
   * Sends {@code head} and {@code partialBody} over a plain socket and reads the answer without
   * sending anything more: proof that the server answered without the rest of the body.
   */
  String raw(String head, byte[] partialBody) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(partialBody);
      out.flush();
      var in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      int n;
      try {
        while ((n = in.read(buffer)) > 0) {
          answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          if (answer.indexOf("}") > 0) {
            break; // the problem's JSON body is complete
          }
        }
      } catch (java.net.SocketException e) {
        // The server may reset the connection right after answering, since it reads no more.
      }
      return answer.toString();
    }
  }

  /** One answer: status, content type, body. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** Asserts an RFC 9457 problem with {@code status}; returns it. */
    JsonNode problem(int expected) {
      assertThat(status).as("status of %s", body).isEqualTo(expected);
      assertThat(contentType).startsWith("application/problem+json");
      JsonNode p = json();
      assertThat(p.get("status").asInt()).isEqualTo(expected);
      assertThat(p.get("type").asText()).startsWith("urn:railway:problem:");
      assertThat(p.get("title").asText()).isNotBlank();
      assertThat(p.get("detail").asText()).isNotBlank();
      assertThat(body).doesNotContain("at dev.railway", "Exception:", "\tat ");
      return p;
    }
  }

  // ---- state

  /**
   * Everything the store holds that a command could change: instances, their streams and decisions,
   * open tasks with their read models, the outbox. Equal strings: unchanged state.
   */
  String snapshot() {
    StringBuilder b = new StringBuilder();
    for (InstanceRecord i : store.instances()) {
      b.append(i).append('\n');
      store.stream(i.instanceId()).forEach(e -> b.append("  ").append(e).append('\n'));
      store.decisions(i.instanceId()).forEach(d -> b.append("  ").append(d).append('\n'));
    }
    for (TaskEntry t : store.openTasks()) {
      b.append(t).append('\n');
    }
    store.undelivered(10_000).forEach(o -> b.append(o).append('\n'));
    return b.toString();
  }
}
