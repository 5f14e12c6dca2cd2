package dev.railway.http.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.railway.definition.Endpoint;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.http.JwtAuthenticator;
import dev.railway.http.RailwayHttp;
import dev.railway.http.RailwayServer;
import dev.railway.jdbc.PostgresOptions;
import dev.railway.jdbc.PostgresStore;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepted ToDo commands per second over HTTP (bearer JWT, strict decoding, contract, decision,
 * group-committed record), with latency percentiles. A benchmark, not a test: run it by hand (see
 * docs/PERFORMANCE.md) next to {@code railway bench --scenario noop} on the same store.
 *
 * <p>Arguments: {@code sqlite|postgres [JDBC URL] [todos] [clients]}.
 */
public final class HttpBenchmark {
  record Filed(String id) {}

  record Review(String id) {}

  record Answer(boolean approve, String note) {}

  record Approved(String id, String by) {}

  record Rejected(String id, String by) {}

  private HttpBenchmark() {}

  static Workflow<Filed> workflow() {
    return Workflow.builder("bench-approval", Filed.class)
        .startAt("approve")
        .triggerId(Filed::id)
        .task(
            Tasks.todo("approve", Filed.class, Review.class, Answer.class)
                .identifiedBy(f -> "approve-" + f.id())
                .readModel((f, taskId) -> new Review(f.id()))
                .endpoint(Endpoint.httpRoute("bench/approvals"))
                .access((p, r) -> p.hasRole("manager"))
                .contract(a -> a.note() == null ? List.of("note: required") : List.of())
                .decide(
                    (r, a, by) ->
                        a.approve()
                            ? new Approved(r.id(), by.name())
                            : new Rejected(r.id(), by.name()),
                    Approved.class,
                    Rejected.class)
                .cannotExpire()
                .outcome(Approved.class)
                .outcome(Rejected.class)
                .build())
        .build();
  }

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "sqlite";
    String url = args.length > 1 ? args[1] : null;
    int todos = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    Store store =
        kind.equals("postgres")
            ? PostgresStore.open(
                url,
                PostgresOptions.defaults()
                    .withSchema("rwbench_http_" + Long.toHexString(System.nanoTime())))
            : SqliteStore.open(Files.createTempDirectory("railway-http-bench").resolve("b.db"));
    Workflow<Filed> wf = workflow();
    Engine engine = Engine.builder(store).workflow(wf).build();
    List<Filed> triggers = new ArrayList<>();
    for (int i = 0; i < todos; i++) {
      triggers.add(new Filed("b" + i));
    }
    for (int i = 0; i < todos; i += 500) {
      engine.triggerAll(wf, triggers.subList(i, Math.min(todos, i + 500)));
    }
    engine.startWorkers(); // delivers outcomes as a deployment would
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
    RailwayServer server =
        RailwayHttp.of(engine)
            .authenticator(
                JwtAuthenticator.builder()
                    .issuer("bench")
                    .audience("railway")
                    .keys(key.toPublicJWK())
                    .build())
            .start(0);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench").build(),
            new JWTClaimsSet.Builder()
                .issuer("bench")
                .audience("railway")
                .subject("manager-1")
                .claim("roles", List.of("manager"))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .build());
    jwt.sign(new ECDSASigner(key));
    String token = jwt.serialize();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[todos];
    AtomicInteger accepted = new AtomicInteger();
    long start = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(() -> {
              int i;
              while ((i = next.getAndIncrement()) < todos) {
                HttpRequest request =
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + server.port()
                                    + "/todos/bench/approvals/approve-b"
                                    + i))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"approve\":true,\"note\":\"ok\"}"))
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                latencies[i] = System.nanoTime() - t0;
                if (r.statusCode() == 200) {
                  accepted.incrementAndGet();
                } else {
                  System.err.println("unexpected " + r.statusCode() + ": " + r.body());
                }
              }
              return null;
            }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "http bench: store=%s todos=%d clients=%d accepted=%d in %.1f s = %.0f commands/s;"
            + " latency p50=%.1f ms p99=%.1f ms%n",
        kind,
        todos,
        clients,
        accepted.get(),
        seconds,
        accepted.get() / seconds,
        latencies[todos / 2] / 1e6,
        latencies[(int) (todos * 0.99)] / 1e6);
    server.stop(Duration.ofSeconds(5));
    engine.stop(Duration.ofSeconds(5));
    store.close();
  }
}
