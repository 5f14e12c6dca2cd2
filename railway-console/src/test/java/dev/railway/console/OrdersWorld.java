package dev.railway.console;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.OpenTodo;
import dev.railway.examples.orders.ExpectedPayment;
import dev.railway.examples.orders.Fulfilment;
import dev.railway.examples.orders.InvoicingApi;
import dev.railway.examples.orders.OrderBook;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.examples.orders.OrderServices;
import dev.railway.examples.orders.PaymentProvider;
import dev.railway.examples.orders.PaymentWebhook;
import dev.railway.examples.orders.StockApi;
import dev.railway.http.JwtAuthenticator;
import dev.railway.http.RailwayHttp;
import dev.railway.http.RailwayServer;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.Store;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order workflow over a SQLite store, with in-memory third parties whose warehouse times out
 * for the customer {@code doubtful} (a possible failure that goes to support), served with the
 * console and the ToDo API on one port, signed in with JWTs from a test key. Work is run by the
 * test ({@link Engine#runDueTasks}), never by background workers, so every state is reached
 * deterministically.
 */
final class OrdersWorld implements AutoCloseable {
  static final String ISSUER = "https://sso.example.test";
  static final String AUDIENCE = "railway";

  final ECKey key;
  final Store store;
  final Engine engine;
  final Workflow<OrderPlaced> orders;
  final RailwayServer server;

  OrdersWorld(Path dir) throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("console-test").generate();
    store = SqliteStore.open(dir.resolve("console.db"), Clock.systemUTC());
    // Short calls and retries, so that the warehouse's unanswered attempt becomes a possible
    // failure within a second (once its lock has expired) instead of after 15 s.
    orders =
        OrderCreation.workflow(
            services(),
            new OrderCreation.Timings(Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(1)));
    engine = Engine.builder(store).workflow(orders).build();
    JwtAuthenticator jwt =
        JwtAuthenticator.builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .keys(key.toPublicJWK())
            .build();
    RailwayConsole console = RailwayConsole.of(engine).authenticator(jwt);
    server = RailwayHttp.of(engine).authenticator(jwt).routes(console).start(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Places an order and runs it until it waits in a ToDo or finishes. */
  UUID place(String customer) {
    UUID id = UUID.randomUUID();
    engine.trigger(
        orders,
        new OrderPlaced(
            id,
            customer,
            List.of(new OrderLine("sku-1", 2, new BigDecimal("12.50"))),
            new BigDecimal("25.00")));
    settle();
    return id;
  }

  /** Pays the order's waiting payment ToDo as the provider and runs on. */
  void pay(UUID orderId) {
    Principal provider = Principal.of("acme-pay", OrderCreation.PAYMENT_PROVIDER_ROLE);
    OpenTodo<ExpectedPayment> todo =
        engine
            .todos()
            .<ExpectedPayment>open(provider, orders.id(), OrderCreation.RECEIVE_PAYMENT)
            .stream()
            .filter(t -> t.readModel().order().orderId().equals(orderId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("order " + orderId + " waits for no payment"));
    ExpectedPayment e = todo.readModel();
    engine
        .todos()
        .complete(
            todo.taskId(),
            provider,
            new PaymentWebhook(
                e.reference(), e.paymentId(), PaymentWebhook.SUCCEEDED, e.order().total()));
    settle();
  }

  /**
   * Runs due work until nothing is due within the next second (retries are a millisecond away);
   * bounded, so a workflow that loops fails the test.
   */
  void settle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      int ran = engine.runDueTasks() + engine.deliverOutcomes();
      if (ran == 0) {
        java.time.Instant soon = store.now().plusSeconds(1);
        if (store.nextDueAt().filter(t -> t.isBefore(soon)).isEmpty()) {
          return;
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("work did not settle within 20 s");
  }

  String token(String subject, String... roles) throws Exception {
    Date now = new Date();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("roles", List.of(roles))
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(Date.from(now.toInstant().plus(Duration.ofMinutes(30))))
                .build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(Duration.ofSeconds(5));
    engine.close();
    store.close();
  }

  private static OrderServices services() {
    Map<String, StockApi.Hold> holds = new ConcurrentHashMap<>();
    Map<String, StockApi.Reservation> confirmed = new ConcurrentHashMap<>();
    Map<String, InvoicingApi.Invoice> invoices = new ConcurrentHashMap<>();
    StockApi stock =
        new StockApi() {
          @Override
          public Hold hold(String taskId, List<OrderLine> lines) {
            Hold h = new Hold("hold-" + taskId, taskId, lines, List.of());
            holds.put(taskId, h);
            return h;
          }

          @Override
          public List<Hold> holds(String taskId) {
            return Optional.ofNullable(holds.get(taskId)).map(List::of).orElse(List.of());
          }

          @Override
          public Optional<Reservation> confirmed(String taskId) {
            return Optional.ofNullable(confirmed.get(taskId));
          }

          @Override
          public Reservation confirm(Hold hold) {
            Reservation r = new Reservation(hold.holdId(), hold.available(), hold.missing());
            confirmed.put(hold.taskId(), r);
            return r;
          }

          @Override
          public void release(Hold hold) {
            holds.remove(hold.taskId());
          }
        };
    InvoicingApi invoicing =
        new InvoicingApi() {
          @Override
          public Invoice create(String reference, dev.railway.examples.orders.Order order) {
            return invoices.computeIfAbsent(
                reference, r -> new Invoice("INV-" + invoices.size(), r, order.total()));
          }

          @Override
          public Optional<Invoice> findByReference(String reference) {
            return Optional.ofNullable(invoices.get(reference));
          }
        };
    PaymentProvider payments =
        (key, orderId, customer, amount) ->
            new PaymentProvider.PaymentAttempt(
                "pay-" + key, URI.create("https://pay.example/" + key));
    Fulfilment warehouse =
        order -> {
          if (order.customer().equals("doubtful")) {
            throw new java.net.SocketTimeoutException("the warehouse did not answer in time");
          }
          return "WH-" + order.orderId();
        };
    List<String> mails = new ArrayList<>();
    return new OrderServices(
        (OrderBook) (key, order) -> new OrderBook.Entry(true, null),
        stock,
        invoicing,
        payments,
        warehouse,
        (to, subject, body) -> {
          mails.add(to);
          return "mail-" + mails.size();
        });
  }
}
