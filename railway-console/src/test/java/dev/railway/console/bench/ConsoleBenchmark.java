package dev.railway.console.bench;

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
import dev.railway.console.RailwayConsole;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.Order;
import dev.railway.examples.orders.OrderConfirmed;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.examples.orders.OrderServices;
import dev.railway.examples.orders.SupportCase;
import dev.railway.http.JwtAuthenticator;
import dev.railway.http.RailwayHttp;
import dev.railway.http.RailwayServer;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.DecisionRecord;
import dev.railway.store.NewInstance;
import dev.railway.store.NextStep;
import dev.railway.store.SerializedEvent;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Page-load figures of the console over a SQLite store holding {@code instances} order instances,
 * {@code todos} of them waiting in the support-review ToDo (the rest finished): each page's median
 * and 95th percentile of 30 loads after 5 warm-ups, through HTTP with a signed-in session, and as a
 * ratio against the same run's sign-in page (no store access), the reference.
 *
 * <pre>
 * ./mvnw -q -o test-compile -pl railway-console -am
 * java -cp railway-console/target/test-classes:railway-console/target/classes:$(cat cp.txt) \
 *     dev.railway.console.bench.ConsoleBenchmark 100000 10000
 * </pre>
 */
public final class ConsoleBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int todos = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path dir = Files.createTempDirectory("console-bench");
    Store store = SqliteStore.open(dir.resolve("bench.db"), Clock.systemUTC());
    Workflow<OrderPlaced> orders = OrderCreation.workflow(OrderServices.notConnected());
    long seedStart = System.nanoTime();
    String probe = seed(store, orders.id(), instances, todos);
    System.out.printf(
        "seeded %,d instances (%,d waiting in %s) in %.1f s%n",
        instances,
        todos,
        OrderCreation.CUSTOMER_SUPPORT_REVIEW,
        (System.nanoTime() - seedStart) / 1e9);
    Engine engine = Engine.builder(store).workflow(orders).build();
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .issuer("bench")
            .audience("railway")
            .keys(key.toPublicJWK())
            .build();
    RailwayServer server =
        RailwayHttp.of(engine)
            .authenticator(jwt)
            .routes(RailwayConsole.of(engine).authenticator(jwt))
            .start(0);
    try {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String form = "token=" + token(key);
      HttpResponse<String> signIn =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/console/signin"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (signIn.statusCode() != 303) {
        throw new IllegalStateException("sign-in failed: " + signIn.statusCode());
      }
      String wf = java.net.URLEncoder.encode(orders.id(), java.nio.charset.StandardCharsets.UTF_8);
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("sign-in page (reference)", "/console/signin");
      pages.put("workflows", "/console/");
      pages.put("workflow page", "/console/workflows/" + wf);
      pages.put("diagram + counts JSON (1 h)", "/console/api/workflows/" + wf + "/diagram");
      pages.put(
          "diagram + counts JSON (7 d)", "/console/api/workflows/" + wf + "/diagram?window=P7D");
      pages.put("instances, newest 50", "/console/instances?workflow=" + wf);
      pages.put(
          "instances, page 2 (cursor)",
          "/console/instances?workflow=" + wf + "&before=" + (instances / 2));
      pages.put(
          "instances, waiting in a ToDo",
          "/console/instances?workflow=" + wf + "&status=WAITING_IN_TODO");
      pages.put(
          "instances, by trigger id", "/console/instances?workflow=" + wf + "&trigger=" + probe);
      pages.put("instance page", "/console/instances/" + "i-" + probe);
      pages.put("attention", "/console/attention");
      pages.put("inbox (" + todos + " open ToDos)", "/console/inbox");
      pages.put("one ToDo", "/console/todos/review-" + probe);
      double reference = 0;
      System.out.printf("%-34s %10s %10s %8s%n", "page", "median ms", "p95 ms", "ratio");
      for (var e : pages.entrySet()) {
        double[] ms = time(http, base + e.getValue());
        double median = ms[ms.length / 2];
        if (reference == 0) {
          reference = median;
        }
        System.out.printf(
            "%-34s %10.1f %10.1f %8.1f%n",
            e.getKey(), median, ms[(int) (ms.length * 0.95)], median / reference);
      }
    } finally {
      server.stop(Duration.ofSeconds(5));
      engine.close();
      store.close();
    }
  }

  private static double[] time(HttpClient http, String url) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create(url)).GET().build();
    for (int i = 0; i < 5; i++) {
      check(http.send(get, HttpResponse.BodyHandlers.ofString()), url);
    }
    double[] ms = new double[30];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      check(http.send(get, HttpResponse.BodyHandlers.ofString()), url);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void check(HttpResponse<String> r, String url) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Seeds the store through its port; returns the order id of one waiting instance. */
  private static String seed(Store store, String workflow, int instances, int todos)
      throws Exception {
    String probe = null;
    Instant now = store.now();
    List<NewInstance> batch = new ArrayList<>();
    List<DecisionRecord> decisions = new ArrayList<>();
    for (int n = 0; n < instances; n++) {
      UUID id = new UUID(0, n + 1);
      Order order =
          new Order(
              id,
              "customer-" + (n % 1000),
              List.of(new OrderLine("sku-1", 1, BigDecimal.TEN)),
              BigDecimal.TEN);
      SerializedEvent trigger =
          new SerializedEvent(
              OrderPlaced.class.getName(),
              JSON.writeValueAsString(
                  new OrderPlaced(id, order.customer(), order.lines(), order.total())));
      boolean waiting = n >= instances - todos;
      TaskEntry first =
          waiting
              ? new TaskEntry(
                  "review-" + id,
                  "i-" + id,
                  workflow,
                  OrderCreation.CUSTOMER_SUPPORT_REVIEW,
                  true,
                  trigger,
                  new SerializedEvent(
                      SupportCase.class.getName(),
                      JSON.writeValueAsString(
                          new SupportCase(order, "INV-" + n, 1, "the warehouse did not answer"))),
                  now,
                  null,
                  null,
                  0)
              : new TaskEntry(
                  "order-" + id,
                  "i-" + id,
                  workflow,
                  OrderCreation.MAKE_ORDER,
                  false,
                  trigger,
                  null,
                  now,
                  null,
                  null,
                  0);
      batch.add(new NewInstance("i-" + id, workflow, id.toString(), trigger, first));
      if (!waiting) {
        decisions.add(
            new DecisionRecord(
                "i-" + id,
                first.taskId(),
                first.taskName(),
                new SerializedEvent(OrderConfirmed.class.getName(), "{}"),
                "DECISION",
                "bench",
                now,
                new NextStep.Finish(new SerializedEvent(OrderConfirmed.class.getName(), "{}"))));
      } else if (probe == null) {
        probe = id.toString();
      }
      if (batch.size() == 1000) {
        store.startAll(batch);
        store.commit(decisions);
        batch.clear();
        decisions.clear();
      }
    }
    store.startAll(batch);
    store.commit(decisions);
    return probe;
  }

  private static String token(ECKey key) throws Exception {
    Date now = new Date();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            new JWTClaimsSet.Builder()
                .issuer("bench")
                .audience("railway")
                .subject("bench")
                .claim("roles", List.of("operator", OrderCreation.SUPPORT_ROLE))
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(Date.from(now.toInstant().plus(Duration.ofHours(1))))
                .build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }
}
