package dev.railway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railway.cli.demo.DemoLedger;
import dev.railway.cli.demo.DemoWorkflow;
import dev.railway.cli.demo.FaultInjector;
import dev.railway.console.RailwayConsole;
import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.OpenTodo;
import dev.railway.examples.orders.ExpectedPayment;
import dev.railway.examples.orders.OrderLine;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.examples.orders.PaymentWebhook;
import dev.railway.http.JwtAuthenticator;
import dev.railway.http.RailwayHttp;
import dev.railway.http.RailwayServer;
import dev.railway.http.TodoEndpoint;
import dev.railway.store.Store;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code railway serve}: workers plus the HTTP ToDo endpoints, until SIGTERM. For development it
 * trusts one signing key that it generates at start, and prints a bearer token signed with it; with
 * {@code --example orders} it places an order and prints a {@code curl} line that answers the
 * payment ToDo it waits in.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs workers and serves the workflows' ToDos over HTTP until SIGTERM (requests in flight",
      "finish, then the workers stop). Prints a development bearer token; with --example orders,",
      "also a ready-to-paste curl line that answers a waiting ToDo."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Duration WAIT_FOR_TODO = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Mixin WorkflowSource source;

  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--dev-sign-in",
      description =
          "Also offer a development sign-in on the console that trusts a typed name and roles"
              + " (never where others can reach it; off by default).")
  boolean devSignIn;

  @Option(
      names = "--stop-grace-ms",
      defaultValue = "10000",
      description =
          "On SIGTERM, how long requests and then attempts in flight may finish"
              + " (default: ${DEFAULT-VALUE}).")
  int stopGraceMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = store.problem();
    if (problem == null && (port < 0 || port > 65535)) {
      problem = "--port must be between 0 and 65535; was " + port;
    }
    if (problem != null) {
      err.println("railway serve: " + problem);
      err.flush();
      return ExitCode.USAGE;
    }
    boolean orders = "orders".equals(source.exampleName());
    Clock clock = Clock.systemUTC();
    Path file = Path.of("railway-serve.db");
    DemoLedger ledger = null;
    List<Workflow<?>> workflows;
    try {
      if (orders) {
        // The order workflow against the demo's simulated third parties, without faults, so that
        // an order reaches its payment ToDo.
        String ledgerUrl =
            store.kind == StoreKind.postgres
                ? store.url
                : "jdbc:sqlite:" + store.sqliteFile(file).toAbsolutePath() + ".ledger";
        ledger = new DemoLedger(ledgerUrl, store.ledgerSchema());
        workflows = List.of(DemoWorkflow.create(ledger, new FaultInjector(1, 0), clock));
      } else {
        workflows = source.load();
      }
    } catch (WorkflowSourceException e) {
      err.println("railway serve: " + e.getMessage());
      err.flush();
      return ExitCode.USAGE;
    }
    DevConsole devKey = new DevConsole(clock);
    Store opened = store.open(clock, file);
    Engine.Builder builder = Engine.builder(opened).clock(clock);
    workflows.forEach(builder::workflow);
    Engine engine = builder.build();
    RailwayServer server;
    try {
      JwtAuthenticator jwt = devKey.authenticator();
      server =
          RailwayHttp.of(engine)
              .authenticator(jwt)
              .routes(RailwayConsole.of(engine).authenticator(jwt).devSignIn(devSignIn))
              .host(host)
              .start(port);
    } catch (RuntimeException e) {
      engine.close();
      opened.close();
      err.println("railway serve: cannot serve: " + e.getMessage());
      err.flush();
      return ExitCode.USAGE;
    }
    Principal dev = DevConsole.DEVELOPER;
    String token = devKey.token(dev);
    CountDownLatch stopped = new CountDownLatch(1);
    DemoLedger ledgerToClose = ledger;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  boolean requests = server.stop(Duration.ofMillis(stopGraceMs));
                  boolean attempts = engine.stop(Duration.ofMillis(stopGraceMs));
                  opened.close();
                  if (ledgerToClose != null) {
                    ledgerToClose.close();
                  }
                  out.printf(
                      "railway serve: stopped%s%n", requests && attempts ? "" : " (work was cut)");
                  out.flush();
                  stopped.countDown();
                },
                "railway-serve-stop"));
    engine.startWorkers();
    String base = "http://" + host + ":" + server.port();
    out.printf("railway serve: %s on %s, listening on %s%n", source.describe(), store.kind, base);
    for (TodoEndpoint e : TodoEndpoint.httpRoutes(engine)) {
      out.printf("  ToDo %-32s %s/todos/%s%n", e.todo().name(), base, e.address());
    }
    out.printf("  OpenAPI %s/openapi.json%n", base);
    out.printf(
        "  console %s/ (sign in with the development token below%s)%n",
        base, devSignIn ? ", or the development sign-in" : "");
    out.printf(
        "development token (subject 'dev', roles %s; valid 12 h):%n  %s%n",
        dev.roles().stream().sorted().toList(), token);
    out.flush();
    if (orders) {
      printPaymentCurl(out, engine, dev, base, token);
    }
    out.println("stop with SIGTERM (Ctrl-C)");
    out.flush();
    stopped.await();
    return ExitCode.OK;
  }

  /** Places one order and prints a curl line that answers its payment ToDo as the provider. */
  private static void printPaymentCurl(
      PrintWriter out, Engine engine, Principal dev, String base, String token) throws Exception {
    Workflow<?> workflow = engine.workflows().getFirst();
    @SuppressWarnings("unchecked")
    Workflow<OrderPlaced> orderWorkflow = (Workflow<OrderPlaced>) workflow;
    OrderPlaced order =
        new OrderPlaced(
            UUID.randomUUID(),
            "dev",
            List.of(new OrderLine("sku-1", 2, new BigDecimal("12.50"))),
            new BigDecimal("25.00"));
    engine.trigger(orderWorkflow, order);
    long until = System.nanoTime() + WAIT_FOR_TODO.toNanos();
    Optional<OpenTodo<ExpectedPayment>> waiting = Optional.empty();
    while (waiting.isEmpty() && System.nanoTime() < until) {
      waiting =
          engine.todos().<ExpectedPayment>open(dev, workflow.name(), "receive-payment").stream()
              .filter(t -> t.readModel().order().orderId().equals(order.orderId()))
              .findFirst();
      if (waiting.isEmpty()) {
        Thread.sleep(100); // a CLI waiting for its own workers; bounded by WAIT_FOR_TODO
      }
    }
    if (waiting.isEmpty()) {
      out.printf(
          "order %s did not reach its payment ToDo within %s; see %s/todos/webhooks/payments%n",
          order.orderId(), WAIT_FOR_TODO, base);
      return;
    }
    ExpectedPayment expected = waiting.get().readModel();
    String body =
        new ObjectMapper()
            .writeValueAsString(
                new PaymentWebhook(
                    expected.reference(),
                    expected.paymentId(),
                    PaymentWebhook.SUCCEEDED,
                    order.total()));
    out.printf(
        "order %s waits in ToDo %s; answer it as the payment provider:%n",
        order.orderId(), waiting.get().taskId());
    out.printf(
        "curl -sS -X POST '%s/todos/webhooks/payments/%s' -H 'Authorization: Bearer %s' -H"
            + " 'Content-Type: application/json' -d '%s'%n",
        base, waiting.get().taskId(), token, body);
  }
}
